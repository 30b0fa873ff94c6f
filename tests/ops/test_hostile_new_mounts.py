"""assign and export onto a read-only file system and onto a full one, for real: a small
tmpfs mounted for the test (root on Linux only; elsewhere skipped). The message names the
file the user asked for (not a temporary part, not the project) and nothing is left."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import dump, run, team_project

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0,
                                reason="mounts a tmpfs: root on Linux")


def _mount(folder, options: str):
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    return folder


@pytest.fixture
def mounted(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    made = []

    def mount(name: str, options: str):
        made.append(_mount(tmp_path / name, options))
        return made[-1]

    yield mount
    for folder in made:
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_assign_onto_a_full_disk_names_the_target_and_leaves_nothing(mounted, tmp_path):
    master = team_project(tmp_path, 4)
    full = mounted("full", "size=64k")
    before = dump(master)
    result = run("assign", "--db", master, "--annotators", "ana,ben", "--out", full)
    assert result.exit_code == 1, result.output
    assert f"{full / 'ana.db'}: the disk is full" in result.output and str(master) not in result.output
    assert os.listdir(full) == [] and dump(master) == before


def test_assign_onto_a_read_only_file_system_names_the_target(mounted, tmp_path):
    master = team_project(tmp_path, 4)
    read_only = mounted("ro", "ro,size=64k")
    result = run("assign", "--db", master, "--annotators", "ana", "--out", read_only)
    assert result.exit_code == 1, result.output
    assert f"{read_only / 'ana.db'}:" in result.output and ".part" not in result.output


@pytest.mark.parametrize("fmt, name", [("labelstudio", "x.json"), ("spacy", "x.spacy"), ("brat", "b"),
                                       ("conll", "x.conll")])
def test_export_onto_a_read_only_file_system_names_the_file_asked_for(mounted, tmp_path, fmt, name):
    master = team_project(tmp_path, 2)
    read_only = mounted("ro", "ro,size=64k")
    result = run("export", "--db", master, "--format", fmt, "--all", "--out", read_only / name)
    assert result.exit_code == 1, result.output
    assert f"{read_only / name}: Read-only file system; nothing was written" in result.output
    assert ".part" not in result.output


@pytest.mark.slow
@pytest.mark.parametrize("options, said", [("ro,size=64k", "cannot be written (Read-only file system); nothing was "
                                            "trained"),
                                           ("size=64k", "No space left on device while saving the model; nothing "
                                            "was kept")])
def test_train_out_onto_a_read_only_or_full_file_system_names_the_folder(mounted, tmp_path, options, said):
    from desktop.nlp.models import find_model
    from tests.helpers import annotate_file

    if find_model() is None:
        pytest.skip("needs the English spaCy pipeline")
    master = team_project(tmp_path, 3)
    annotate_file(master, "lead", {"Paris": "GPE", "Ana Smith": "PERSON"})
    place = mounted("place", options)
    result = run("train", "--db", master, "--components", "ner", "--max-steps", "1", "--out", place / "m")
    assert result.exit_code == 1, result.output
    assert f"{place / 'm'}: {said}" in result.output
    assert os.listdir(place) == []
