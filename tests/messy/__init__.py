"""A corpus of messy report files, as OPD staff really send them, with their true values."""
