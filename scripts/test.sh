#!/usr/bin/env bash
# One command from a fresh clone to a full test run: installs LibreOffice, poppler and the
# free CJK fonts the page-measuring tests need, and Debian's chromium + chromium-driver for the
# workbench's browser tests (selenium is given the driver path: nothing downloads a browser)
# (Debian/Ubuntu, as root or with sudo), makes a virtual environment in .venv, installs
# drafter with its test extras, runs every test.
# Extra arguments go to pytest, e.g.  bash scripts/test.sh -k render
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libreoffice-writer-nogui poppler-utils fontconfig fonts-noto-cjk fonts-arphic-ukai
          fonts-arphic-uming fonts-wqy-zenhei fonts-liberation2 chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# Debian's own python3 needs python3-venv for `python3 -m venv`.
python3 -c "import ensurepip" >/dev/null 2>&1 || missing+=(python3-venv)
if ((${#missing[@]})); then
  echo "安装测试所需的系统软件包：${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test,bench]"
exec .venv/bin/python -m pytest -q "$@"
