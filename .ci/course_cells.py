#!/usr/bin/env python3
"""Keep the cells every notebook opens with in one shape, with the package URL taken from settings.ini.

  python .ci/course_cells.py          rewrite the setup and helper cells of every notebook in nbs/
  python .ci/course_cells.py --check  exit 1 (and name the notebooks) when a rewrite would change anything

settings.ini's `git_url` is the one place to change where Colab installs the package from; `make sync-check` runs this
with --check, so a notebook whose setup cell names another URL fails CI.
"""
import configparser, json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUP_MARK = '# Setup:'
HELPERS_MARK = 'from fastcore.test import *'


def setup_source(git_url: str) -> str:
    return (f"{SETUP_MARK} in Colab this installs the course package; everywhere else it does nothing.\n"
            "# FULL = None runs quick mode on a CPU (small data, few epochs: minutes) and the full recipe on a GPU;\n"
            "# set FULL = True or False to choose, or the environment variable FMNIST_FULL=1 / 0 before starting Jupyter.\n"
            "import sys\n"
            "if 'google.colab' in sys.modules:\n"
            f"    %pip install -q \"fmnist_course @ git+{git_url}\"\n"
            "FULL = None")


HELPERS = ("#| hide\n"
           f"{HELPERS_MARK}  # assertions next to the code (fastcore is a runtime dependency, so this works in Colab)\n"
           "try: from nbdev.showdoc import *  # doc helpers, only where nbdev is installed\n"
           "except ImportError: pass")


def code_cell(src):
    return {'cell_type': 'code', 'execution_count': None, 'metadata': {}, 'outputs': [], 'source': src.splitlines(True)}


def fix(nb: dict, git_url: str) -> dict:
    cells = nb['cells']
    src = lambda c: ''.join(c['source'])
    # cell 0 is `#| default_exp`; the setup cell comes right after it, before any import of the package
    start = 1 if cells and src(cells[0]).startswith('#| default_exp') else 0
    setups = [i for i, c in enumerate(cells) if c['cell_type'] == 'code' and src(c).startswith(SETUP_MARK)]
    if setups and setups[0] == start:  # in place: keeps the cell's id, so a notebook that is right compares equal
        cells[start]['source'] = setup_source(git_url).splitlines(True)
        setups = setups[1:]
    else: cells.insert(start, code_cell(setup_source(git_url))); setups = [i + 1 for i in setups]
    for i in reversed(setups): del cells[i]
    for c in cells:
        if c['cell_type'] == 'code' and src(c).startswith('#| hide') and HELPERS_MARK in src(c):
            rest = [l for l in src(c).splitlines()[1:] if 'fastcore.test' not in l and 'nbdev.showdoc' not in l
                    and not l.startswith('except ImportError: pass')]
            c['source'] = ('\n'.join([HELPERS] + rest)).splitlines(True)
            break
    return nb


def main(argv):
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(ROOT/'settings.ini')
    git_url = cfg['DEFAULT']['git_url']
    changed = []
    for path in sorted((ROOT/'nbs').glob('*.ipynb')):
        if path.name == 'index.ipynb': continue
        text = path.read_text()
        nb = fix(json.loads(text), git_url)
        new = json.dumps(nb, indent=1, ensure_ascii=False) + '\n'
        if json.loads(new) != json.loads(text):
            changed.append(path.name)
            if '--check' not in argv: path.write_text(new)
    if '--check' in argv and changed:
        print(f"The opening cells of {', '.join(changed)} differ from settings.ini (git_url {git_url}): "
              "run `python .ci/course_cells.py`, then nbdev_clean, and commit.")
        return 1
    if changed: print('rewrote the opening cells of', ', '.join(changed))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
