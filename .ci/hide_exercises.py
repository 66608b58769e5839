#!/usr/bin/env python3
"""Keep the answers out of a student's sight: collapse the source of every cell of the course notebooks that builds or tests
exercises (`Exercise(...)`, `Prediction(...)`, `test_exercise(...)`: their references, hints and model answers).

  python .ci/hide_exercises.py                 collapse them in nbs/0*.ipynb (running it again changes nothing)
  python .ci/hide_exercises.py --check         exit 1, naming each cell, when one of them is not collapsed
  python .ci/hide_exercises.py [--check] NB... the same for the notebooks named

A collapsed cell has `"jupyter": {"source_hidden": true}` (JupyterLab shows "…" until it is clicked) and `"cellView": "form"`
with a `#@title` line after its `#|` directives (Colab shows the title and a "Show code" link). The cell still runs, so
Run All and nbdev_test are unchanged; `#| hide` keeps it off the docs site. nbdev_clean keeps the two keys because
settings.ini lists them in `allowed_cell_metadata_keys`. The rules live in `fmnist_course.exercises` (Appendix F), where they
are tested.
"""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the package of this checkout, installed or not
from fmnist_course.exercises import exercise_cells, hide_exercise_cells, is_hidden


def write(nb, path: Path):
    "Write `nb` as nbdev does (execnb's nb2str), so that nbdev_clean finds nothing to change."
    path.write_text(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')


def main(args):
    check = '--check' in args
    paths = [Path(a) for a in args if a != '--check'] or sorted((ROOT/'nbs').glob('0*.ipynb'))
    bad = []
    for path in paths:
        nb = json.loads(path.read_text(encoding='utf-8'))
        if check:
            bad += [f'{path.name}: cell {c.get("id")} builds or tests exercises, and its source is not collapsed'
                    for c in exercise_cells(nb) if not is_hidden(c)]
            continue
        changed = hide_exercise_cells(nb)
        if changed: write(nb, path); print(f'{path.name}: collapsed {len(changed)} cell(s): {", ".join(map(str, changed))}')
    if bad:
        print('\n'.join(bad) + '\nThese cells hold exercise answers in plain view. Fix: python .ci/hide_exercises.py, then commit.', file=sys.stderr)
        return 1
    if check: print(f'hide_exercises: the exercise cells of {len(paths)} notebook(s) are collapsed')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
