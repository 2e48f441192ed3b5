# Lamtheo: `make run` serves the demo organization, `make test` runs the test suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: install run test test-browser bench lint format migrate demo backup clean

# These targets are development: lamtheo/settings.py refuses to start without LAMTHEO_DEV=1
# unless SECRET_KEY and ALLOWED_HOSTS are set (production; see docs/operator-guide.md).
migrate demo run test test-browser bench: export LAMTHEO_DEV = 1
# The demo's officers are not asked for an authenticator app (docs/operator-guide.md).
run: export LAMTHEO_REQUIRE_2FA = 0

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.lock 2>&1 | grep -v "is ignored: it is neither" || true
	$(VENV)/bin/python -c "import django, openpyxl, docx, simple_history"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed

migrate: install
	@echo "Đang cập nhật cấu trúc cơ sở dữ liệu …"
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py load_demo

# Django's own "development server" warning is replaced by ours, in Vietnamese.
run: demo
	@echo "Lamtheo đang chạy tại http://$(HOST)/  (Ctrl+C để dừng; đổi cổng: make run HOST=127.0.0.1:8080)"
	@echo "Đây là máy chủ chạy thử, chỉ dùng với dữ liệu mẫu; cài đặt để dùng thật: docs/operator-guide.md"
	DJANGO_RUNSERVER_HIDE_WARNING=true $(PY) manage.py runserver $(HOST) --noreload

test: install
	$(PY) manage.py makemigrations --check --dry-run >/dev/null
	$(PY) -m pytest -n auto

test-browser: install
	$(PY) -m pytest -m browser

bench: install
	$(PY) bench/run.py
	$(PY) bench/pledge_quality.py
	$(PY) bench/formalism.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

backup: install
	$(PY) manage.py backup

clean:
	rm -rf $(VENV) node_modules staticfiles
