"""`brief explain`: why a sentence of the articles is, or is not, in the brief (pipeline.runtime.explain)."""

from __future__ import annotations

from pathlib import Path

import typer

from ._util import (
    DEVICE_OPTION,
    EMBEDDER_OPTION,
    EXIT_FAILED,
    EXIT_USAGE,
    GENERATOR_OPTION,
    MAX_SENTENCES_OPTION,
    MAX_WORDS_OPTION,
    SUMMARISER_OPTION,
    _config,
    app,
    fail,
)


@app.command()
def explain(
    path: Path = typer.Argument(..., help="The incident's folder of articles."),
    sentence: str = typer.Argument(..., help="A sentence of the articles, as written there."),
    as_json: bool = typer.Option(False, "--json", help="Print the explanation as JSON."),
    summariser: str = SUMMARISER_OPTION,
    max_sentences: int = MAX_SENTENCES_OPTION,
    max_words: int = MAX_WORDS_OPTION,
    embedder: str = EMBEDDER_OPTION,
    generator: str = GENERATOR_OPTION,
    device: str = DEVICE_OPTION,
) -> None:
    """Which rules fire on SENTENCE and why (docs/rules.md), whether it may head a fact or open the
    brief, and whether the brief `brief run` would build with these options chose or cites it.
    Exit 0 when the sentence is found among the articles' sentences, 2 when it is not."""
    import json

    from ..inference.models import ModelNotFound
    from ..runtime.explain import explain as explain_sentence
    from ..runtime.explain import report
    from ..runtime.run import NoArticles, StageError
    from ..stages.summarise import SUMMARISERS

    if not path.is_dir():
        fail(f"{path}: no such folder; pass the folder of one incident's articles")
    if summariser not in SUMMARISERS:
        fail(f"unknown summariser {summariser!r}; choose one of {', '.join(sorted(SUMMARISERS))}")
    config = _config(summariser, max_sentences, max_words, embedder, generator, device)
    try:
        found = explain_sentence(path, sentence, config)
    except (ValueError, ModelNotFound, NoArticles) as e:
        fail(str(e))
    except StageError as e:
        fail(str(e), EXIT_FAILED)
    typer.echo(json.dumps(found.to_dict(), indent=2, ensure_ascii=False) if as_json else report(found))
    if not found.found:
        raise typer.Exit(EXIT_USAGE)
