#!/usr/bin/env bash
# kip-training on The Littlest JupyterHub (one server). Run as root from a kip-training
# checkout, after TLJH itself is installed (deploy/PANDUAN.md, langkah 1):
#
#   sudo bash deploy/tljh/pasang.sh
#
# It installs kip-training into the users' environment, PostgreSQL with a database for
# the results (unless /etc/kip-training/hub.env already names one), the hub settings in
# /etc/kip-training/hub.env (readable by root only), the hub configuration and the pages
# in Indonesian, then restarts the hub. Running it again keeps the settings file.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
    echo "Jalankan dengan sudo: sudo bash deploy/tljh/pasang.sh" >&2
    exit 1
fi
if [ ! -x /opt/tljh/user/bin/python3 ]; then
    echo "The Littlest JupyterHub belum terpasang (lihat deploy/PANDUAN.md, langkah 1)." >&2
    exit 1
fi
checkout="$(cd "$(dirname "$0")/../.." && pwd)"
settings=/etc/kip-training/hub.env

echo "1/5 Memasang kip-training di lingkungan pengguna"
/opt/tljh/user/bin/python3 -m pip install --quiet "$checkout"

install -d -m 700 /etc/kip-training
if [ ! -f "$settings" ]; then
    echo "2/5 Memasang PostgreSQL dan membuat basis data hasil kuis"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
    db_password="$(openssl rand -hex 16)"
    runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE kip LOGIN PASSWORD '${db_password}'" \
        -c "CREATE DATABASE kip OWNER kip"
    umask 077
    cat > "$settings" <<SETTINGS
# kip-training on JupyterHub (deploy/jupyterhub_config.py reads these)
KIP_HUB_DB=postgresql://kip:${db_password}@127.0.0.1:5432/kip
# password for participants (give it out in the room), and the trainers' own
KIP_HUB_SANDI=$(openssl rand -hex 5)
KIP_HUB_SANDI_PELATIH=$(openssl rand -hex 20)
KIP_HUB_PELATIH=pelatih
KIP_HUB_PYTHON=/opt/tljh/user/bin/python3
KIP_HUB_TEMPLAT=/etc/kip-training/templates
SETTINGS
else
    echo "2/5 $settings sudah ada: pengaturan dipakai ulang"
fi

echo "3/5 Konfigurasi hub dan halaman berbahasa Indonesia"
install -d /etc/kip-training/templates
install -m 644 "$checkout"/deploy/templates/*.html /etc/kip-training/templates/
install -m 644 "$checkout/deploy/jupyterhub_config.py" \
    /opt/tljh/config/jupyterhub_config.d/kip_training.py
install -d /etc/systemd/system/jupyterhub.service.d
printf '[Service]\nEnvironmentFile=%s\n' "$settings" \
    > /etc/systemd/system/jupyterhub.service.d/kip-training.conf
systemctl daemon-reload

echo "4/5 Batas memori dan penghentian server yang menganggur (TLJH)"
tljh-config set limits.memory 1G
tljh-config set services.cull.timeout 3600

echo "5/5 Memulai ulang hub"
tljh-config reload hub

echo
echo "Selesai. Kata sandi ada di $settings (KIP_HUB_SANDI untuk peserta,"
echo "KIP_HUB_SANDI_PELATIH untuk akun 'pelatih')."
