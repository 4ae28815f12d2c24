"""The package keeps its layers: dependencies point down, UI libraries stay in their rooms."""

import shutil
import subprocess
import sys
from pathlib import Path

from gisapp.config import REPO_ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter on the package under `root`, with the contracts of `root/pyproject.toml`."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root, capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def test_package_layers_follow_the_contracts():
    result = lint_imports(REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_streamlit_imported_in_the_atlas_breaks_the_contract(tmp_path):
    shutil.copytree(REPO_ROOT / "gisapp", tmp_path / "gisapp", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "gisapp" / "atlas" / "leak.py").write_text('"""A leak."""\n\nimport streamlit  # noqa: F401\n')
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "Only gisapp.app imports streamlit BROKEN" in result.stdout
    assert "gisapp.atlas.leak -> streamlit" in result.stdout


def test_the_map_page_runs_without_importing_matplotlib():
    """The explorer's first load stays light: matplotlib comes in only when a map image is made."""
    probe = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"app = AppTest.from_file({str(REPO_ROOT / 'app.py')!r}, default_timeout=120).run()\n"
        "assert not app.exception, app.exception\n"
        "assert app.title[0].value == '东昌府区规划图集'\n"
        "print('matplotlib' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False", "the map page imported matplotlib"


def test_the_command_line_exports_run_without_streamlit(tmp_path):
    """Dynamic imports escape the static contracts; the CLI's exports must not pull in the UI framework."""
    probe = (
        "import sys\n"
        "from gisapp.cli import main\n"
        f"assert main(['export', 'html', '--basemap', 'none', '-o', {str(tmp_path / 'm.html')!r}]) == 0\n"
        f"assert main(['export', 'gpkg', {str(tmp_path / 'a.gpkg')!r}]) == 0\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('streamlit', 'streamlit_folium')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
