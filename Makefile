# Two commands do everything on a fresh clone: `make submission` and `make test`.
SHELL := /bin/bash
# the Python that makes the virtual environments: any >= 3.10, e.g. make lab PYTHON=python3.12 (macOS: the Command Line Tools' python3 is 3.9)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
ARGS ?=
# your name, recorded in submission/metadata.json: make submission STUDENT="Ada Lovelace"
STUDENT ?=
# extra pip options for every install (a proxy, a cache folder, ...)
PIP_OPTS ?=
# where torch and torchvision come from, on top of PyPI (everything else still comes from PyPI). On Linux without an NVIDIA GPU:
#   make lab TORCH_INDEX=https://download.pytorch.org/whl/cpu     (the CPU-only build: about 5 GB less than the CUDA one)
TORCH_INDEX ?=
export FMNIST_DATA ?= $(CURDIR)/data

.PHONY: help python-check venv colab-venv grader-venv data submission test student-check outputs sync-check sync readme lab clean

help:
	@echo "make submission [ARGS='--epochs 1']  set up, train the default recipe, write and check submission/logits.npy"
	@echo "make test                            set up, check notebooks and module are in sync, run nbdev_test"
	@echo "make student-check                   Run All of the course notebooks in a real kernel, in nbs/ and each alone in a Colab-like install"
	@echo "make lab                             open the notebooks in JupyterLab (it keeps this terminal: run other commands in a second one)"
	@echo "make submission STUDENT='Ada Lovelace' also records your name in submission/metadata.json"
	@echo "make readme                          render README.md from nbs/index.ipynb"
	@echo "make sync                            after editing git_url or branch in settings.ini: rewrite every copy, then README"
	@echo "  first make on Linux without an NVIDIA GPU: add TORCH_INDEX=https://download.pytorch.org/whl/cpu (CPU-only PyTorch)"

# The course needs Python >= 3.10: say so, and where to get one, before anything is installed
python-check:
	@command -v $(PYTHON) >/dev/null || { echo "No '$(PYTHON)' found. Install Python 3.10 or newer (python.org, or on macOS: brew install python@3.12), then run make again, e.g. make lab PYTHON=python3.12" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { echo "$$($(PYTHON) --version 2>&1) is too old: the course needs Python 3.10 or newer. On macOS the Command Line Tools' python3 is 3.9: install a newer one (python.org's installer, or brew install python@3.12) and name it, e.g. make lab PYTHON=python3.12" >&2; exit 1; }

$(VENV)/.installed: settings.ini setup.py | python-check
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV). On Debian or Ubuntu: sudo apt-get install python3-venv, then run make again." >&2; rm -rf $(VENV); exit 1; }
	@echo "Installing PyTorch, JupyterLab, nbdev and the course package into $(VENV): a download of about 1 GB with the CPU-only PyTorch, several GB with the CUDA one (Linux without TORCH_INDEX); this takes minutes."
	@# torch first and not quiet: its download is the big one, and pip shows its progress bar on a terminal
	$(PY) -m pip install --progress-bar on $(PIP_OPTS) $(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX)) torch torchvision
	$(PY) -m pip install -q $(PIP_OPTS) -e ".[dev]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

venv: $(VENV)/.installed

# A Colab-like runtime: what Colab ships (torch, torchvision, matplotlib, seaborn, ipywidgets, scikit-learn, pandas, tqdm, a kernel;
# no nbdev, no fastcore), then the package installed as the notebooks' setup cell does it in Colab: `pip install`, no dev extras.
COLAB_VENV ?= .venv-colab
# Colab has torch preinstalled, and so does this venv: torch, torchvision and the CUDA libraries are links to $(VENV)'s (5.5 GB less).
$(COLAB_VENV)/.installed: $(VENV)/.installed settings.ini setup.py $(wildcard fmnist_course/*.py)
	$(PYTHON) -m venv $(COLAB_VENV)
	$(PY) .ci/share_torch.py $(COLAB_VENV)
	$(COLAB_VENV)/bin/pip install -q $(PIP_OPTS) torch torchvision matplotlib seaborn ipywidgets scikit-learn pandas tqdm ipykernel
	$(COLAB_VENV)/bin/pip install -q $(PIP_OPTS) --force-reinstall --no-deps .
	$(COLAB_VENV)/bin/pip install -q $(PIP_OPTS) .
	$(COLAB_VENV)/bin/python -m ipykernel install --sys-prefix --name fmnist-colab >/dev/null
	touch $@

colab-venv: $(COLAB_VENV)/.installed

# An instructor's grading set-up, as README's one install line makes it: numpy and the package without its dependencies (no PyTorch,
# no Jupyter). fmnist-grade runs there; --verify also needs torch (pip install torch).
GRADE_VENV ?= .venv-grade
$(GRADE_VENV)/.installed: settings.ini setup.py $(wildcard fmnist_course/*.py) | python-check
	rm -rf $(GRADE_VENV) && $(PYTHON) -m venv $(GRADE_VENV)
	$(GRADE_VENV)/bin/pip install -q $(PIP_OPTS) --no-deps numpy .
	touch $@

grader-venv: $(GRADE_VENV)/.installed

# The data: $FMNIST_DATA (default data/), else Debian's package (installed here when we may), else torchvision's download.
data: venv
	@if ! $(PY) -c "from fmnist_course.data import prepare_raw; prepare_raw(download=False)" 2>/dev/null; then \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo="sudo -n"; \
	  if command -v apt-get >/dev/null && { [ -z "$$sudo" ] || sudo -n true 2>/dev/null; }; then \
	    echo "FashionMNIST is not here yet: installing Debian's dataset-fashion-mnist (30 MB) with $${sudo:+sudo }apt-get; without it the data is downloaded into $(FMNIST_DATA)"; \
	    $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq dataset-fashion-mnist >/dev/null || true; \
	  fi; \
	  $(PY) -c "from fmnist_course.data import prepare_raw; print('FashionMNIST in', prepare_raw(download=True))"; \
	fi

# fmnist-train checks the file it wrote (with --out DIR that is DIR/logits.npy, not submission/logits.npy)
submission: data
	$(BIN)/fmnist-train $(if $(STUDENT),--student "$(STUDENT)") $(ARGS)

# Fails when nbdev_export or nbdev_clean would change anything: notebooks are the source, the module is generated.
sync-check: venv
	@$(PY) .ci/course_cells.py --check
	@$(PY) .ci/readme_check.py README.md CONTRIBUTING.md
	@# no answer in plain view (the exercises' cells collapsed), no committed output that gives a prediction away
	@$(PY) .ci/hide_exercises.py --check
	@$(PY) .ci/keep_outputs.py --check nbs/*.ipynb
	@before=$$(cat nbs/*.ipynb fmnist_course/*.py | sha256sum); \
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean; \
	after=$$(cat nbs/*.ipynb fmnist_course/*.py | sha256sum); \
	if [ "$$before" != "$$after" ]; then \
	  echo "nbdev_export/nbdev_clean changed files: the notebooks and the module were out of sync. Review and commit the result."; \
	  git status --short nbs fmnist_course 2>/dev/null; exit 1; fi; \
	echo "sync check: notebooks and module agree"

test: data sync-check
	@# notebooks run two at a time: one thread each keeps OpenMP from oversubscribing the cores
	FMNIST_FULL=0 OMP_NUM_THREADS=1 $(BIN)/nbdev_test --timing
	@n=$$(ls nbs/*.ipynb | wc -l); echo "nbdev_test: $$n passed, 0 failed"

# As students run the notebooks: Run All in a real Jupyter kernel without IN_TEST (which nbdev_test sets), quick mode, failing
# on any error output; the notebooks a reader opens (STUDENT_NBS: the course, the grading appendix and the results page) with the
# full install, then each course notebook alone in an empty folder with the Colab-like install (data from Debian's copy there;
# Colab downloads it), and the grading appendix an instructor opens on its own. The other appendices are engineering tests with no
# IN_TEST branch of their own (13_browser takes IN_TEST away itself): `make test` runs them; every one in a real kernel too with
# make student-check STUDENT_NBS='nbs/[0-9]*.ipynb' (about 10 minutes more on 2 cores).
STUDENT_NBS ?= nbs/0*.ipynb nbs/14_grade.ipynb nbs/18_results.ipynb
student-check: venv colab-venv data
	FMNIST_FULL=0 $(PY) .ci/student_run.py $(STUDENT_NBS)
	env -u FMNIST_DATA FMNIST_FULL=0 JUPYTER_PATH=$(CURDIR)/$(COLAB_VENV)/share/jupyter $(PY) .ci/student_run.py --alone --kernel fmnist-colab nbs/0*.ipynb nbs/14_grade.ipynb
	@# most students' laptops compute in fp32: on a CPU with bf16 the course notebooks run once more as on an AVX2 laptop (needs root)
	@if grep -q -e avx512_bf16 -e amx_bf16 /proc/cpuinfo 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then echo "This CPU computes in bf16: the course notebooks once more in fp32, as on an AVX2 laptop (.ci/as-avx2)"; \
	    .ci/as-avx2 env FMNIST_FULL=0 $(PY) .ci/student_run.py nbs/0*.ipynb; \
	  else echo "Skipped the fp32 (AVX2) pass of the course notebooks: .ci/as-avx2 needs root." >&2; fi; fi

# The outputs a reader sees on GitHub: each course notebook and the results page executed in quick mode, their figures and tables
# kept (see .ci/keep_outputs.py)
OUTPUT_NBS = nbs/0*.ipynb nbs/14_grade.ipynb nbs/18_results.ipynb
outputs: venv data
	rm -rf .outputs && FMNIST_FULL=0 $(PY) .ci/student_run.py --save .outputs $(OUTPUT_NBS)
	$(PY) .ci/keep_outputs.py .outputs $(OUTPUT_NBS) && rm -rf .outputs
	$(BIN)/nbdev_clean

# After changing git_url or branch in settings.ini: rewrite every copy of them (each notebook's setup cell and Colab badge, the
# GIT_URL/GIT_BRANCH cell, README's lessons list and clone line), regenerate the module, render README.md.
sync: venv
	$(PY) .ci/course_cells.py
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean
	$(MAKE) --no-print-directory readme

readme: venv
	$(BIN)/jupyter nbconvert --to markdown nbs/index.ipynb --output-dir . --output README --log-level WARN
	@# images are linked relative to nbs/ in the notebook; README sits one folder up
	sed -i.bak 's#](images/#](nbs/images/#g' README.md && rm -f README.md.bak

lab: data
	$(BIN)/jupyter lab nbs

clean:
	rm -rf $(VENV) $(COLAB_VENV) $(GRADE_VENV) runs _proc _docs
