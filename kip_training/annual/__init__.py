"""The annual information-service report (Perki 1/2021 Pasal 56) from both semesters.

:func:`~kip_training.annual.load.load_year` reads the two semesters of a year;
:func:`~kip_training.annual.figures.annual_figures` turns them into the report's tables;
:func:`~kip_training.annual.build.build_annual_report` writes the Word document and the
workbook for the website (and, when asked, the PDF).
"""
