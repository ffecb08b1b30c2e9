# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench install install-dev migrate demo clean messages translations

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The letters' Chinese, Japanese, Korean and Hebrew fonts are cut to their Regular weight once per
# machine (a few minutes, then cached: README, "Fonts and scripts in printed letters"), here rather
# than in a visitor's request.
$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/python -m letters.pdf
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# axe-core, which the browser tests load into every page to check its accessibility.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(VENV)/.installed-bench: requirements-bench.txt $(VENV)/.installed-dev
	$(BIN)/pip install --quiet -r requirements-bench.txt
	touch $@

# The interface's translations: catalogs (.po) are kept in the repository, compiled ones (.mo) are
# built here from them. `make messages` gathers new source text into every catalog for translators.
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

translations: $(COMPILED)

# pybabel takes -q before its command. A language of i18n.INTERFACE_LANGUAGES without a catalog gets one.
messages: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output --add-comments Translators: \
		--project "UA Desk" --msgid-bugs-address "" --ignore-dirs ".* _* tests benchmarks node_modules" -o translations/messages.pot .
	for code in $$($(BIN)/python -c "import i18n; print(*(c for c in i18n.INTERFACE_LANGUAGES if c != 'en'))"); do \
		test -f translations/$$code/LC_MESSAGES/messages.po || \
			$(BIN)/pybabel -q init -i translations/messages.pot -d translations -l $$code; \
	done
	$(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete -i translations/messages.pot -d translations

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev node_modules/.installed

migrate: install translations
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) demo load --if-empty

# The web server and the outbox delivery loop run together; Ctrl-C stops both. Links in emails
# and on cover sheets point at where it serves, unless BASE_URL says otherwise.
run: export BASE_URL ?= http://$(HOST):$(PORT)
run: demo
	@echo "UA Desk on http://$(HOST):$(PORT) — mail goes to the local mailbox at http://$(HOST):$(PORT)/dev/mailbox/ unless MAIL_SERVER is set"
	@trap 'kill 0' INT TERM EXIT; \
	$(FLASK) outbox work & \
	$(FLASK) run --host $(HOST) --port $(PORT)

# The linter first (rules in pyproject.toml): a finding fails the run before the tests start.
test: install-dev translations
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-bench
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache node_modules test-artifacts
