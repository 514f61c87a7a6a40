"""The wheel is self-contained: it installs into a fresh venv, imports from outside the
source tree, and every shared library it needs beyond the C/C++ runtime is inside it."""

from __future__ import annotations

import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_LIBRARIES = re.compile(r"^(linux-vdso|ld-linux|libc|libm|libstdc\+\+|libgcc_s)[.-]")


def wheel_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheels = sorted((ROOT / "build" / "dist").glob("papersieve-*.whl"))
    if wheels:
        return wheels[-1]
    out = tmp_path_factory.mktemp("dist")  # not built by scripts/setup: build it the standard way
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    return next(out.glob("papersieve-*.whl"))


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheel = wheel_path(tmp_path_factory)
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


def test_imports_from_the_installed_wheel(fresh_venv: Path) -> None:
    package = installed_package(fresh_venv)
    assert package.is_relative_to(fresh_venv), package
    assert not package.is_relative_to(ROOT)
    out = run_in(fresh_venv, "-c", "import papersieve; c = papersieve.parse('T\\nAn abstract. Yes.\\n', 'hf-text');"
                                   " print(len(c), papersieve.__version__)")
    version = re.search(r"project\(papersieve VERSION ([0-9.]+)",
                        (ROOT / "CMakeLists.txt").read_text()).group(1)  # type: ignore[union-attr]
    assert out.split() == ["1", version]


def test_every_dependency_resolves_inside_the_package(fresh_venv: Path) -> None:
    package = installed_package(fresh_venv)
    (extension,) = package.glob("_core*.so")
    ldd = subprocess.run(["ldd", str(extension)], capture_output=True, text=True, check=True).stdout
    assert "not found" not in ldd
    vendored = package.parent / "papersieve.libs"
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
