"""The spaCy parser, loaded once per process, and its parses cached: verification
(pipeline.stages.structure), trims and joins all read the same Docs."""

from __future__ import annotations

from typing import Any, Sequence

PARSER = "en_core_web_sm"  # a [parser.*] name in models/models.toml
CACHE = 4096  # parsed sentences kept per process
_NLP: Any = None
_DOCS: dict[str, Any] = {}


def load_parser(name: str = PARSER) -> Any:
    """The spaCy pipeline, loaded once per process (about 3 s): summarisers call this in warm_up."""
    global _NLP
    if _NLP is None:
        import spacy
        from spacy.language import Language
        from spacy.symbols import ORTH

        from ..inference.models import resolve
        from .segment import TITLES

        _NLP = spacy.load(resolve("parser", name).location)
        # spaCy reads "Lt. Cmdr. Ana Diaz said ..." as two sentences, the first ending at "Cmdr.";
        # a title is one token and the word after it never starts a sentence.
        titles = {f"{t.capitalize()}." for t in TITLES}
        for title in titles:
            _NLP.tokenizer.add_special_case(title, [{ORTH: title}])

        def hold(doc: Any) -> Any:
            for t in doc[:-1]:
                if t.text in titles:
                    doc[t.i + 1].is_sent_start = False
            return doc

        if not Language.has_factory("title_holds_sentence"):
            Language.component("title_holds_sentence", func=hold)
        _NLP.add_pipe("title_holds_sentence", before="parser")
    return _NLP


def parser_ref(name: str = PARSER) -> dict:
    from ..inference.models import resolve

    ref = resolve("parser", name)
    return {"name": name, "id": ref.id, "revision": ref.revision}


def docs(texts: Sequence[str]) -> list[Any]:
    """spaCy Docs of `texts`, the ones not seen yet parsed in one batch (nlp.pipe: about twice as
    fast as one by one). A run parses each source once, however many candidates it checks."""
    norm = [" ".join(t.split()) for t in texts]  # wire copy wrapped at 70 columns parses as one line
    new = [t for t in dict.fromkeys(norm) if t not in _DOCS]
    for text, doc in zip(new, load_parser().pipe(new)):
        _DOCS[text] = doc
    found = [_DOCS[t] for t in norm]
    while len(_DOCS) > CACHE:
        _DOCS.pop(next(iter(_DOCS)))
    return found


# What a reader of the tags and the dependency tree alone does not need: half the parse time.
UNTREED = ("ner", "lemmatizer")


def trees(texts: Sequence[str]) -> list[Any]:
    """Docs of `texts` with tags and dependencies only (no entities, no lemmas), for a rule that
    asks the tree of many sentences once each (pipeline.stages.rules.leaning). A text `docs` has
    already parsed comes from its cache; the others are not kept there (they lack what other
    readers ask). The tree is the same either way: the tagger and parser do not read the entities."""
    norm = [" ".join(t.split()) for t in texts]
    new = [t for t in dict.fromkeys(norm) if t not in _DOCS]
    nlp = load_parser()
    with nlp.select_pipes(disable=[p for p in UNTREED if p in nlp.pipe_names]):
        parsed = dict(zip(new, nlp.pipe(new)))
    return [_DOCS[t] if t in _DOCS else parsed[t] for t in norm]


def entities(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) of each named entity spaCy finds in each text (whitespace collapsed,
    as `docs` reads it)."""
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs(texts)]


def verbs(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """(start, end) of each word the tagger reads as a full verb in each text (whitespace
    collapsed, as `docs` reads it): "Seeing" of "Seeing Kestrel up close, ..." is no given name."""
    return [[(t.idx, t.idx + len(t)) for t in doc if t.pos_ == "VERB"] for doc in docs(texts)]


# Dependencies that hang a clause of its own on another: a sentence holding one tells more than one fact.
CLAUSAL = frozenset({"conj", "advcl", "ccomp", "relcl", "parataxis", "acl", "xcomp", "csubj", "pcomp"})


def single_facts(texts: Sequence[str]) -> list[bool]:
    """Whether each text is one sentence of one clause ("a telephone conversation took place
    between the two presidents"): no verb heads a clause of its own beside or below the main one."""
    out = []
    for doc in docs(texts):
        one = len(list(doc.sents)) == 1
        out.append(one and not any(t.dep_ in CLAUSAL and t.pos_ in ("VERB", "AUX") for t in doc))
    return out


FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")


def statements(texts: Sequence[str]) -> list[bool]:
    """Whether the parser reads each text as a statement: a verb with a subject or a finite verb
    ("Twelve hours of power on one charge." and "Cab with a heated seat." have neither, nor
    has a sentence in a language the English parser cannot read), and not an instruction that
    opens with a bare verb ("Fill the tank and set it to simmer.", "Expect delays on the coast road.")."""
    out = []
    for doc in docs(texts):
        words = [t for t in doc if not t.is_punct]
        bare = (
            bool(words)
            and words[0].tag_ == "VB"
            and words[0].dep_ == "ROOT"
            and not any(c.dep_ in SUBJECTS for c in words[0].children)
        )
        verb = any(
            t.tag_ in FINITE or t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECTS for c in t.children) for t in doc
        )
        out.append(verb and not bare)
    return out
