"""``kip lab``: JupyterLab in Indonesian, without the news pop-up, on trusted notebooks."""

import argparse
import json
import shutil

import nbformat
from nbformat.sign import NotebookNotary

from kip_training import voila_look
from kip_training.commands import lab
from kip_training.paths import NOTEBOOKS_DIR
from kip_training.voila_look import LAB_SETTINGS


def test_the_lab_command_selects_the_indonesian_settings_and_voila_template(tmp_path):
    user = tmp_path / "pengaturan"
    command = lab.lab_command(tmp_path, 8899, no_browser=True, user_settings=user)
    assert f"--LabApp.user_settings_dir={user}" in command
    locale = user / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    assert json.loads(locale.read_text()) == {"locale": "id_ID"}
    assert command[1:4] == ["-m", "jupyter", "lab"]
    assert f"--LabApp.app_settings_dir={LAB_SETTINGS}" in command
    assert "--VoilaConfiguration.template=kip" in command
    assert "--port=8899" in command and "--no-browser" in command
    assert (LAB_SETTINGS / "overrides.json").is_file()


def test_a_language_the_user_chose_is_kept(tmp_path):
    path = voila_look.seed_lab_locale(tmp_path)
    path.write_text('{"locale": "en"}', encoding="utf-8")
    lab.lab_command(tmp_path, 8899, no_browser=True, user_settings=tmp_path)
    assert json.loads(path.read_text()) == {"locale": "en"}


def test_the_bundled_notebooks_are_signed_as_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, folder)
    notary = NotebookNotary()
    before = nbformat.read(folder / "02_latihan_tenggat_waktu.ipynb", as_version=4)
    assert not notary.check_signature(before)
    signed = lab.trust_notebooks(folder)
    assert [p.name for p in signed] == sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))
    for path in signed:
        assert NotebookNotary().check_signature(nbformat.read(path, as_version=4)), path.name
    assert (tmp_path / "data" / "nbsignatures.db").is_file()


def test_run_trusts_the_notebooks_and_starts_jupyterlab_with_the_template(monkeypatch, tmp_path):
    started = {}
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("JUPYTER_PATH", raising=False)
    monkeypatch.setenv("KIP_OUTPUT", str(tmp_path / "keluaran"))
    monkeypatch.setattr(voila_look, "lab_user_settings_dir", lambda: tmp_path / "pengaturan")
    monkeypatch.setattr(lab.os, "execv", lambda exe, command: started.update(command=command))
    monkeypatch.setattr(lab, "trust_notebooks", lambda folder: started.update(trusted=folder))
    lab.run(argparse.Namespace(port=8888, no_browser=True))
    assert started["trusted"] == NOTEBOOKS_DIR
    assert "--VoilaConfiguration.template=kip" in started["command"]
    assert str(LAB_SETTINGS.parent) in lab.os.environ["JUPYTER_PATH"]
    assert f"--LabApp.user_settings_dir={tmp_path / 'pengaturan'}" in started["command"]
