#!/usr/bin/env python3
"""Keep every copy of the repository's address in one shape, generated from settings.ini's `git_url` and `branch`.

  python .ci/course_cells.py          rewrite every copy below that differs
  python .ci/course_cells.py --check  exit 1 (and name each copy) when a rewrite would change anything

The copies:
- the setup cell each notebook opens with (`# Setup:`): in Colab it installs the package from `git_url`@`branch`, and in
  every kernel it stops Run All with a clear message when the package cannot be imported;
- the `#| hide` helpers cell (its first lines);
- the Open-in-Colab badge cell right after the `# Title` cell of each course notebook (nbs/0*.ipynb);
- any code cell that contains the line MARK_CONSTS: its `GIT_URL = ...` and `GIT_BRANCH = ...` lines (the address the package
  downloads committed files from, e.g. `fmnist_course.data`);
- the lessons list in nbs/index.ipynb (a markdown cell that starts with LESSONS_MARK): one line per course notebook with its
  badge and title, and index.ipynb's `git clone URL` / `cd REPO` lines; README.md is rendered from index.ipynb (`make readme`),
  and --check fails when README.md lacks that list.

`make sync-check` runs this with --check, so a copy that names another address or branch fails CI.
"""
import configparser, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT/'nbs'
SETUP_MARK = '# Setup:'
HELPERS_MARK = 'from fastcore.test import *'
MARK_CONSTS = '# From settings.ini (git_url, branch): .ci/course_cells.py rewrites this cell'
LESSONS_MARK = '<!-- The lessons: written by .ci/course_cells.py from settings.ini and each notebook\'s title; do not edit by hand -->'
BADGE_SVG = 'https://colab.research.google.com/assets/colab-badge.svg'


def settings():
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(ROOT/'settings.ini')
    d = cfg['DEFAULT']
    git_url, branch = d['git_url'].rstrip('/'), d.get('branch', 'main')
    m = re.fullmatch(r'https://github\.com/([\w.-]+)/([\w.-]+?)(\.git)?', git_url)
    if not m: sys.exit(f"settings.ini: git_url = {git_url} is not https://github.com/OWNER/REPO: Colab opens notebooks from GitHub only.")
    return git_url, branch, m.group(1), m.group(2)


def colab_url(owner, repo, branch, name): return f'https://colab.research.google.com/github/{owner}/{repo}/blob/{branch}/nbs/{name}'
def badge(owner, repo, branch, name): return f'[![Open In Colab]({BADGE_SVG})]({colab_url(owner, repo, branch, name)})'


def setup_source(git_url: str, branch: str) -> str:
    spec = f"fmnist_course @ git+{git_url}@{branch}"
    return (f"{SETUP_MARK} in Colab this installs the course package; everywhere else it only checks that the package is there.\n"
            "# FULL = None runs quick mode on a CPU (small data, few epochs: minutes) and the full recipe on a GPU;\n"
            "# set FULL = True or False to choose, or the environment variable FMNIST_FULL=1 / 0 before starting Jupyter.\n"
            "import subprocess, sys\n"
            "if 'google.colab' in sys.modules:  # Colab's own torch is kept: no restart needed\n"
            f"    _pip = subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', {spec!r}], capture_output=True, text=True)\n"
            "    if _pip.returncode:  # stop Run All here, not with a ModuleNotFoundError ten cells later\n"
            f"        raise RuntimeError('Installing the course package from {git_url} (branch {branch}) failed:\\n' + _pip.stderr[-2000:] +\n"
            "                           '\\nFix: check that the runtime is online and the repository is public, then Run All again.')\n"
            "try: import fmnist_course\n"
            "except ImportError as e:\n"
            "    raise RuntimeError('The course package fmnist_course is not installed in this kernel. Fix: in a clone of the course run '\n"
            "                       '`make lab` (it installs everything and opens JupyterLab), or pick the kernel of its .venv.') from e\n"
            "FULL = None")


HELPERS = ("#| hide\n"
           f"{HELPERS_MARK}  # assertions next to the code (fastcore is a runtime dependency, so this works in Colab)\n"
           "try: from nbdev.showdoc import *  # doc helpers, only where nbdev is installed\n"
           "except ImportError: pass")


def src(c): return ''.join(c['source'])
def code_cell(s, id_): return {'cell_type': 'code', 'execution_count': None, 'id': id_, 'metadata': {}, 'outputs': [], 'source': s.splitlines(True)}
def md_cell(s, id_): return {'cell_type': 'markdown', 'id': id_, 'metadata': {}, 'source': s.splitlines(True)}
def is_course(name): return name[:1] == '0'
def is_badge(c): return c['cell_type'] == 'markdown' and BADGE_SVG in src(c) and LESSONS_MARK not in src(c)
def title_index(cells): return next((i for i, c in enumerate(cells) if c['cell_type'] == 'markdown' and src(c).startswith('# ')), None)


def fix_setup(cells, git_url, branch):
    # cell 0 is `#| default_exp`; the setup cell comes right after it, before any import of the package
    start = 1 if cells and src(cells[0]).startswith('#| default_exp') else 0
    setups = [i for i, c in enumerate(cells) if c['cell_type'] == 'code' and src(c).startswith(SETUP_MARK)]
    if setups and setups[0] == start:  # in place: keeps the cell's id, so a notebook that is right compares equal
        cells[start]['source'] = setup_source(git_url, branch).splitlines(True)
        setups = setups[1:]
    else: cells.insert(start, code_cell(setup_source(git_url, branch), 'setup')); setups = [i + 1 for i in setups]
    for i in reversed(setups): del cells[i]
    for c in cells:
        if c['cell_type'] == 'code' and src(c).startswith('#| hide') and HELPERS_MARK in src(c):
            rest = [l for l in src(c).splitlines()[1:] if 'fastcore.test' not in l and 'nbdev.showdoc' not in l
                    and not l.startswith('except ImportError: pass')]
            c['source'] = ('\n'.join([HELPERS] + rest)).splitlines(True)
            break


def fix_badge(cells, name, owner, repo, branch) -> str | None:
    "The Open-in-Colab cell right after the title cell; returns a problem it cannot fix, or None."
    t = title_index(cells)
    if t is None: return f"{name} has no `# Title` markdown cell to put its Colab badge after"
    want = badge(owner, repo, branch, name)
    if t + 1 < len(cells) and is_badge(cells[t + 1]): cells[t + 1]['source'] = want.splitlines(True)
    else: cells.insert(t + 1, md_cell(want, 'colab-badge'))
    for i in reversed([i for i, c in enumerate(cells) if is_badge(c) and i != t + 1]): del cells[i]


def fix_consts(cells, git_url, branch) -> bool:
    found = False
    for c in cells:
        if c['cell_type'] != 'code' or MARK_CONSTS not in src(c).splitlines(): continue
        found = True
        lines = [l for l in src(c).splitlines() if not re.match(r'GIT_(URL|BRANCH)\s*=', l)]
        at = lines.index(MARK_CONSTS) + 1
        lines[at:at] = [f"GIT_URL = {git_url!r}", f"GIT_BRANCH = {branch!r}"]
        c['source'] = '\n'.join(lines).splitlines(True)
    return found


def title_of(path):
    cells = json.loads(path.read_text())['cells']
    t = title_index(cells)
    return src(cells[t]).splitlines()[0][2:].strip() if t is not None else path.stem


def lessons_source(owner, repo, branch, course):
    rows = [f"- {badge(owner, repo, branch, p.name)} [`{p.stem}`](nbs/{p.name}) {title_of(p)}" for p in course]
    return '\n'.join([LESSONS_MARK] + rows)


def fix_index(nb, lessons, git_url, repo) -> str | None:
    for c in nb['cells']:  # the laptop path's clone lines
        if c['cell_type'] == 'markdown' and 'git clone ' in src(c):
            c['source'] = re.sub(r'git clone \S+(\s+)cd \S+', f'git clone {git_url}\\1cd {repo}', src(c)).splitlines(True)
    cells = [c for c in nb['cells'] if c['cell_type'] == 'markdown' and src(c).startswith(LESSONS_MARK)]
    if not cells: return f"index.ipynb has no markdown cell that starts with {LESSONS_MARK}"
    for c in cells: c['source'] = lessons.splitlines(True)


def main(argv):
    check = '--check' in argv
    git_url, branch, owner, repo = settings()
    course = sorted(p for p in NBS.glob('*.ipynb') if is_course(p.name))
    lessons = lessons_source(owner, repo, branch, course)
    changed, problems, consts = [], [], []
    for path in sorted(NBS.glob('*.ipynb')):
        text = path.read_text()
        nb = json.loads(text)
        if path.name == 'index.ipynb':
            if (p := fix_index(nb, lessons, git_url, repo)): problems.append(p)
        else:
            fix_setup(nb['cells'], git_url, branch)
            if is_course(path.name) and (p := fix_badge(nb['cells'], path.name, owner, repo, branch)): problems.append(p)
            if fix_consts(nb['cells'], git_url, branch): consts.append(path.name)
        new = json.dumps(nb, indent=1, ensure_ascii=False) + '\n'
        if json.loads(new) != json.loads(text):
            changed.append(path.name)
            if not check: path.write_text(new)
    readme = ROOT/'README.md'
    if readme.exists() and (lessons not in readme.read_text() or f'git clone {git_url}' not in readme.read_text()):
        if check: problems.append("README.md's lessons list or clone line differs from nbs/index.ipynb's: run `make readme` and commit.")
        else: print("README.md's lessons list or clone line differs from nbs/index.ipynb's: now run `make readme`.")
    if check and changed:
        problems.insert(0, f"The cells of {', '.join(changed)} that copy settings.ini (git_url {git_url}, branch {branch}) differ from it: "
                           "run `python .ci/course_cells.py`, then nbdev_export, nbdev_clean and `make readme`, and commit.")
    if not check and changed: print('rewrote', ', '.join(changed))
    for p in problems: print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
