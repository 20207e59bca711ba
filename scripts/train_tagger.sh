#!/usr/bin/env bash
# Trains the name tagger's models (data/tagger/<lang>.model) with
# build/train_tagger from the NER corpora in ../shared/data/ner (see its
# README and data/tagger/README.md).
#   usage: scripts/train_tagger.sh BUILD_DIR SHARED_DIR [LANG...]
# Every file's documents whose number % 10 == 9 are kept out of training:
# `make eval` scores the models on them (scripts/eval.sh).  Deterministic:
# the same files give the same models.
set -euo pipefail
build=$1 shared=$2; shift 2
ner="$shared/data/ner"
out="$(dirname "$0")/../data/tagger"
langs=("$@"); [ ${#langs[@]} -gt 0 ] || langs=(en de es fr ru ar)
if [ ! -d "$ner" ]; then
    echo "train-tagger: $ner not found (it needs ../shared/data/ner)"; exit 1
fi
# RUNS perceptrons over different orders are averaged into the model (5:
# held-out span F1 above one run's, see data/tagger/README.md).
ALGO=${ALGO:-perceptron} BITS=${BITS:-17} EPOCHS=${EPOCHS:-10} RUNS=${RUNS:-5}

# The files of each language.  FILE:w=W weighs a file (W repeats per epoch,
# a fraction samples), FILE:nomisc marks a corpus without an "other" class.
files() {
    case $1 in
        en) echo "$ner/en-wikigold.conll $ner/en-uner-ewt.conll:nomisc $ner/en-wnut17.conll:w=0.5 $ner/en-btc.conll:nomisc:w=0.5" ;;
        de) echo "$ner/de-germeval2014dev.conll:w=2 $ner/de-uner-pud.conll:nomisc:w=2 $ner/de-europeana.conll:nomisc:w=0.5" ;;
        es) echo "$ner/pt-uner-bosque.conll" ;; # no open Spanish corpus was found: Portuguese news, read as Spanish
        fr) echo "$ner/fr-europeana.conll" ;;
        ru) echo "$ner/ru-factrueval2016.conll:nomisc:w=2 $ner/ru-uner-pud.conll:nomisc:w=2 $ner/ru-wikiner.conll" ;;
        ar) echo "$ner/ar-anercorp.conll" ;;
        *) echo "train-tagger: no corpora for '$1'" >&2; return 1 ;;
    esac
}

# Options of each language's model, chosen on the mean span F1 of its files
# over the ten held-out parts (data/tagger/README.md): 15 epochs where they
# beat 10 (en, de, ar; not es, fr, ru), --no-persons where the person-name
# list (data/names) did not help (fr).  They come after EPOCHS and win.
opts() {
    case $1 in
        en | de | ar) echo "--epochs 15" ;;
        fr) echo "--no-persons" ;;
        *) echo "" ;;
    esac
}

for lang in "${langs[@]}"; do
    list=$(files "$lang")
    for f in $list; do
        [ -f "${f%%:*}" ] || { echo "train-tagger: $lang: ${f%%:*} missing, skipped"; continue 2; }
    done
    echo "train-tagger: $lang ($ALGO, 2^$BITS rows, $EPOCHS epochs, $RUNS runs) $(opts "$lang")"
    # shellcheck disable=SC2086
    nice "$build/train_tagger" --lang "$lang" --out "$out/$lang.model" --algo "$ALGO" --bits "$BITS" \
        --epochs "$EPOCHS" --runs "$RUNS" --every 10 --part 9 $(opts "$lang") $list
done
