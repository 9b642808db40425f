"""The orchestrator is a straight chain: the stages it runs come from the Config and from what the
summariser declares, never from the summariser's name."""

import ast
from pathlib import Path

import pytest
from conftest import write_incident

from pipeline.config import Config
from pipeline.runtime.run import Pipeline, StageError, arrangers, build_brief
from pipeline.stages.summarise import SUMMARISERS, ExtractiveSummariser

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"


class Declares(ExtractiveSummariser):
    """An extractive summariser under another name that says it joins and writes names in."""

    name = "custom"
    joins = writes_names = True


def test_the_steps_after_attribution_follow_the_declared_capabilities_not_the_name():
    names = [a.name for a in arrangers(Config(), ExtractiveSummariser())]
    assert names == ["order", "background", "introduce"]
    joined = ["join", "lede-place", "lede-day", "relative-days", "describe"]
    assert [a.name for a in arrangers(Config(), Declares())] == ["order", "background", "introduce", *joined]
    assert [a.name for a in arrangers(Config(order="rank"), Declares())] == ["background", "introduce", *joined]


def test_no_module_but_summarise_names_a_summariser():
    names = {n for n in SUMMARISERS if n != "lead"}  # "lead" is also the eval baseline's name
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "summarise.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}")
    assert found == []


def test_a_failing_arranger_is_named_in_the_error(tmp_path):
    folder = write_incident(
        tmp_path / "inc",
        {
            "a.txt": "The harbour authority closed the north quay on Monday after a crane fell.\n",
            "b.txt": "The north quay was closed by the harbour authority on Monday when a crane fell.\n",
        },
    )

    class Broken:
        name = "join"

        def arrange(self, sentences, story):
            raise ValueError("no subject to share")

    p = Pipeline.from_config(Config(embedder="hashing"))
    p.arrangers = (*p.arrangers, Broken())
    p.warm_up()
    with pytest.raises(StageError, match="stage 'join' failed: ValueError: no subject to share"):
        build_brief(folder, p)


def test_the_model_free_frame_gives_the_event_and_no_place(tmp_path):
    folder = write_incident(
        tmp_path / "inc",
        {
            "a.txt": "A crane fell on the north quay in Port Elm on Monday, killing two workers.\n",
            "b.txt": "Two workers were killed when a crane fell on the north quay in Port Elm on Monday.\n",
        },
    )
    p = Pipeline.from_config(Config(embedder="hashing", framer="dates"))
    p.warm_up()
    slots = {f.slot for f in build_brief(folder, p).facts}
    assert "what" in slots and not slots & {"where", "who", "whom"}
