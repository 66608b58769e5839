# Two commands do everything on a fresh clone: `make submission` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
ARGS ?=
# extra pip options for every install (a proxy, a cache folder, ...)
PIP_OPTS ?=
# where torch and torchvision come from, on top of PyPI (everything else still comes from PyPI). On Linux without an NVIDIA GPU:
#   make lab TORCH_INDEX=https://download.pytorch.org/whl/cpu     (the CPU-only build: about 5 GB less than the CUDA one)
TORCH_INDEX ?=
export FMNIST_DATA ?= $(CURDIR)/data

.PHONY: help venv colab-venv data submission test student-check outputs sync-check sync readme lab clean

help:
	@echo "make submission [ARGS='--epochs 1']  set up, train the default recipe, write and check submission/logits.npy"
	@echo "make test                            set up, check notebooks and module are in sync, run nbdev_test"
	@echo "make student-check                   Run All of every notebook in a real kernel, and of each course notebook alone in a Colab-like install"
	@echo "make lab                             open the notebooks in JupyterLab"
	@echo "make readme                          render README.md from nbs/index.ipynb"
	@echo "make sync                            after editing git_url or branch in settings.ini: rewrite every copy, then README"
	@echo "  first make on Linux without an NVIDIA GPU: add TORCH_INDEX=https://download.pytorch.org/whl/cpu (CPU-only PyTorch)"

$(VENV)/.installed: settings.ini setup.py
	@python3 -m venv $(VENV) || { echo "Could not create $(VENV). On Debian or Ubuntu: sudo apt-get install python3-venv, then run make again." >&2; rm -rf $(VENV); exit 1; }
	$(if $(TORCH_INDEX),$(PY) -m pip install -q $(PIP_OPTS) --extra-index-url $(TORCH_INDEX) torch torchvision)
	$(PY) -m pip install -q $(PIP_OPTS) -e ".[dev]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

venv: $(VENV)/.installed

# A Colab-like runtime: what Colab ships (torch, torchvision, matplotlib, seaborn, ipywidgets, scikit-learn, pandas, tqdm, a kernel;
# no nbdev, no fastcore), then the package installed as the notebooks' setup cell does it in Colab: `pip install`, no dev extras.
COLAB_VENV ?= .venv-colab
# Colab has torch preinstalled, and so does this venv: torch, torchvision and the CUDA libraries are links to $(VENV)'s (5.5 GB less).
$(COLAB_VENV)/.installed: $(VENV)/.installed settings.ini setup.py $(wildcard fmnist_course/*.py)
	python3 -m venv $(COLAB_VENV)
	$(PY) .ci/share_torch.py $(COLAB_VENV)
	$(COLAB_VENV)/bin/pip install -q $(PIP_OPTS) torch torchvision matplotlib seaborn ipywidgets scikit-learn pandas tqdm ipykernel
	$(COLAB_VENV)/bin/pip install -q $(PIP_OPTS) --force-reinstall --no-deps .
	$(COLAB_VENV)/bin/pip install -q $(PIP_OPTS) .
	$(COLAB_VENV)/bin/python -m ipykernel install --sys-prefix --name fmnist-colab >/dev/null
	touch $@

colab-venv: $(COLAB_VENV)/.installed

# The data: $FMNIST_DATA (default data/), else Debian's package (installed here when we may), else torchvision's download.
data: venv
	@if ! $(PY) -c "from fmnist_course.data import prepare_raw; prepare_raw(download=False)" 2>/dev/null; then \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo="sudo -n"; \
	  if command -v apt-get >/dev/null && { [ -z "$$sudo" ] || sudo -n true 2>/dev/null; }; then \
	    echo "Installing Debian's dataset-fashion-mnist"; \
	    $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq dataset-fashion-mnist >/dev/null || true; \
	  fi; \
	  $(PY) -c "from fmnist_course.data import prepare_raw; print('FashionMNIST in', prepare_raw(download=True))"; \
	fi

# fmnist-train checks the file it wrote (with --out DIR that is DIR/logits.npy, not submission/logits.npy)
submission: data
	$(BIN)/fmnist-train $(ARGS)

# Fails when nbdev_export or nbdev_clean would change anything: notebooks are the source, the module is generated.
sync-check: venv
	@$(PY) .ci/course_cells.py --check
	@$(PY) .ci/readme_check.py README.md CONTRIBUTING.md
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
# on any error output; every notebook in nbs/ with the full install, then each course notebook alone in an empty folder with the
# Colab-like install (data from Debian's copy there; Colab downloads it).
student-check: venv colab-venv data
	FMNIST_FULL=0 $(PY) .ci/student_run.py nbs/[0-9]*.ipynb
	env -u FMNIST_DATA FMNIST_FULL=0 JUPYTER_PATH=$(CURDIR)/$(COLAB_VENV)/share/jupyter $(PY) .ci/student_run.py --alone --kernel fmnist-colab nbs/0*.ipynb

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
	rm -rf $(VENV) $(COLAB_VENV) runs _proc _docs
