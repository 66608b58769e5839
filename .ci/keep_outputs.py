#!/usr/bin/env python3
"""Copy the outputs of executed notebooks (from `student_run.py --save DIR`) into the notebooks in nbs/, so that a reader on
GitHub sees the figures and tables. Keeps what a reader needs: no outputs of `#| hide` cells, no widget views or progress bars (they need a live
kernel), no stderr, and long text cut to its last lines. A cell that reveals the outcome of a prediction (it calls `.reveal(`, or a line
starts with `# reveal`) keeps no output: a student predicts before seeing it.

  python .ci/keep_outputs.py DIR nbs/00_data.ipynb ...
  python .ci/keep_outputs.py --check nbs/*.ipynb      exit 1, naming each, when a revealing cell has a committed output
  python .ci/keep_outputs.py --clear nbs/*.ipynb      clear those outputs
"""
import sys
from pathlib import Path

import nbformat

MAX_LINES = 40


def keep(out: dict) -> dict | None:
    kind = out.get('output_type')
    if kind == 'error': raise SystemExit('an executed notebook has an error output: fix it before keeping outputs')
    if kind == 'stream':
        if out.get('name') == 'stderr': return None
        lines = out['text'].splitlines(True)
        if len(lines) > MAX_LINES: out['text'] = ''.join(['…\n'] + lines[-MAX_LINES:])
        return out
    data = {k: v for k, v in out.get('data', {}).items() if k != 'application/vnd.jupyter.widget-view+json'}
    text = str(data.get('text/plain', '')).lower()
    # a widget's text stand-in, and tqdm's progress bars (their text form is a frozen 0 %): live-kernel views, not results
    if not data or set(data) == {'text/plain'} and ('widget' in text or 'it/s]' in text): return None
    out['data'] = data
    out.get('metadata', {}).pop('application/vnd.jupyter.widget-view+json', None)
    return out


def reveals(source: str) -> bool:
    "Whether a cell shows the outcome of a prediction: it calls `.reveal(`, or it is marked with a line `# reveal...`."
    return '.reveal(' in source or any(l.lstrip().startswith('# reveal') for l in source.splitlines())


def check(notebooks) -> int:
    bad = [f'{p}: cell {i} reveals a prediction\'s outcome and has a committed output: clear it (make outputs does)'
           for p in notebooks for i, c in enumerate(nbformat.read(p, as_version=4).cells)
           if c.cell_type == 'code' and c.get('outputs') and reveals(c.source)]
    print(*bad, sep='\n') if bad else print(f'reveal check: no committed output gives a prediction away ({len(notebooks)} notebooks)')
    return 1 if bad else 0


def main(src_dir, notebooks):
    for path in map(Path, notebooks):
        done = nbformat.read(Path(src_dir)/path.name, as_version=4)
        nb = nbformat.read(path, as_version=4)
        if [c.source for c in done.cells] != [c.source for c in nb.cells]:
            raise SystemExit(f'{path.name} changed since it was executed: run it again')
        for cell, ran in zip(nb.cells, done.cells):
            if cell.cell_type != 'code': continue
            hidden = cell.source.lstrip().startswith('#| hide') or reveals(cell.source)
            cell.outputs = [] if hidden else [nbformat.from_dict(o) for o in (keep(dict(o)) for o in ran.outputs) if o is not None]
        nbformat.write(nb, path)
        print(f'{path.name}: outputs kept')


if __name__ == '__main__':
    if sys.argv[1:2] == ['--check']: sys.exit(check(sys.argv[2:]))
    if sys.argv[1:2] == ['--clear']:
        for p in sys.argv[2:]:
            nb = nbformat.read(p, as_version=4); cells = [c for c in nb.cells if c.cell_type == 'code' and c.get('outputs') and reveals(c.source)]
            for c in cells: c.outputs = []; c.execution_count = None
            if cells: nbformat.write(nb, p); print(f'{p}: cleared {len(cells)} revealing cell(s)')
        sys.exit(0)
    main(sys.argv[1], sys.argv[2:])
