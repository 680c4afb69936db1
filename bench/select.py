"""Builds the benchmark trees from the unpacked registry packages.

`10k/`: 9,000 source files, 900 per language in path order (a language with fewer gives its
share to the others), plus 1,000 files of other kinds (documentation, data, configuration):
10,000 files. `100k/`: every
source file, repeated under `copy-N/` until there are 100,000. Files are hard links into the
unpacked packages, so the trees cost no extra disk space.
"""

import os
import sys

LANGUAGES = {
    "typescript": (".ts", ".tsx", ".mts", ".cts"),
    "javascript": (".js", ".jsx", ".mjs", ".cjs"),
    "python": (".py", ".pyi"),
    "java": (".java",),
    "csharp": (".cs",),
    "go": (".go",),
    "rust": (".rs",),
    "ruby": (".rb",),
    "php": (".php",),
    "kotlin": (".kt", ".kts"),
}
PER_LANGUAGE = 900
OTHERS = 1_000
TOTAL_100K = 100_000


def language_of(name):
    for language, extensions in LANGUAGES.items():
        if name.endswith(extensions):
            return language
    return None


def all_files(root):
    found = []
    for directory, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            if os.path.isfile(path) and not os.path.islink(path):
                found.append(os.path.relpath(path, root))
    return found


def place(sources, relative, tree, prefix=""):
    target = os.path.join(tree, prefix, relative)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    os.link(os.path.join(sources, relative), target)


def main():
    sources, corpus = sys.argv[1], sys.argv[2]
    files = all_files(sources)
    by_language = {language: [] for language in LANGUAGES}
    others = []
    for relative in files:
        language = language_of(relative)
        (by_language[language] if language else others).append(relative)

    small = os.path.join(corpus, "10k")
    quota = {language: min(PER_LANGUAGE, len(found)) for language, found in by_language.items()}
    spare = PER_LANGUAGE * len(LANGUAGES) - sum(quota.values())
    for language in sorted(LANGUAGES, key=lambda name: -len(by_language[name])):
        extra = min(spare, len(by_language[language]) - quota[language])
        quota[language] += extra
        spare -= extra
    chosen = [f for language in LANGUAGES for f in by_language[language][: quota[language]]]
    chosen += others[:OTHERS]
    for relative in chosen:
        place(sources, relative, small)

    large = os.path.join(corpus, "100k")
    placed, copy = 0, 0
    while placed < TOTAL_100K:
        for relative in files[: TOTAL_100K - placed]:
            place(sources, relative, large, f"copy-{copy}")
        placed += min(len(files), TOTAL_100K - placed)
        copy += 1

    for language in LANGUAGES:
        print(f"{language:>10}: {len(by_language[language]):>6} available, {quota[language]:>4} in 10k/")
    print(f"{'other':>10}: {len(others):>6} available, {min(OTHERS, len(others)):>4} in 10k/")
    print(f"10k/: {len(chosen)} files; 100k/: {placed} files in {copy} copies of {len(files)}")


if __name__ == "__main__":
    main()
