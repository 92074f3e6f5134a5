"""Reading an event's sides from the parse: the roles patterns name (subj, obj, with...).

A role names where an argument is found relative to the trigger; each resolves to the
actors of that phrase (see :mod:`tidings.events.arguments`). The role vocabulary is
documented in ``data/README.md``.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from . import arguments as args
from .arguments import EMPTY, ActorIndex, Argument
from .patterns import PatternSet

# Verbs whose object noun carries the event and whose subject is its doer.
LIGHT_VERBS = {
    "hold",
    "have",
    "make",
    "pay",
    "conduct",
    "launch",
    "stage",
    "carry",
    "begin",
    "start",
    "open",
    "continue",
    "resume",
    "attend",
    "join",
    "lead",
    "go",
    "leave",
    "take",
    "give",
    "undertake",
    "mount",
    "wage",
    "intensify",
    "step",
    "complete",
    "finish",
    "conclude",
    "announce",
    "declare",
    "order",
    "approve",
    "unveil",
}
# Prepositions of time and place: "said X during a visit to Y" -- the sayer visited.
ADJUNCT_PREPS = {"during", "after", "before", "on", "at", "while", "amid", "following", "since"}


class RoleReader:
    """Roles of a trigger -> Arguments, with the vocabulary that decides whose act a noun is."""

    def __init__(self, patterns: PatternSet) -> None:
        self.patterns = patterns

    def role(self, role: str, token: Token, index: ActorIndex) -> Argument:
        if role == "subj":
            return self.doer(token, args.subject(token), index)
        if role == "obj":
            return args.resolve(args.direct_objects(token), index)
        if role == "dative":
            heads = [c for c in token.children if c.dep_ == "dative" and c.pos_ != "ADP"]
            heads += [
                p for c in token.children if c.dep_ == "dative" for p in args.children(c, "pobj")
            ]
            return args.resolve(heads, index)
        if role == "obj_poss":
            heads = []
            for obj in args.direct_objects(token):
                heads += [c for c in obj.children if c.dep_ in {"poss", "compound", "amod", "nmod"}]
                for prep in ("of", "from", "by"):
                    heads += args.prep_objects(obj, prep)
            return args.resolve(heads, index)
        if role == "comp_subj":  # the doer of the complement ("alleged X was plotted by Y": Y)
            heads = []
            for c in token.children:
                if c.dep_ in {"ccomp", "acl"}:
                    heads += args.subject(c) if args.is_passive(c) else args.children(c, {"nsubj"})
                elif c.dep_ == "xcomp":
                    heads += args.children(c, {"nsubj", "nsubjpass"})
            return args.resolve(heads, index)
        if role == "comp_obj":
            heads = [o for c in token.children if c.dep_ == "xcomp" for o in args.direct_objects(c)]
            return args.resolve(heads, index)
        if role == "poss":
            return args.resolve(args.children(token, "poss"), index)
        if role == "mod":
            return args.resolve(args.modifier_tokens(token), index)
        if role == "gov_subj":
            heads = self.governor_subject(token)
            return self.doer(heads[0].head, heads, index) if heads else EMPTY
        if role == "acl_agent":  # "a strike called by workers", "sanctions imposed by Japan"
            heads = [
                p
                for c in token.children
                if c.dep_ == "acl"
                for a in c.children
                if a.dep_ == "agent"
                for p in a.children
                if p.dep_ == "pobj"
            ]
            return args.resolve(heads, index)
        if role == "dateline":  # "Chirac's visit" in a story datelined WASHINGTON
            found = index.dateline
            return Argument((found.code,), (found,), (-1,)) if found and found.code else EMPTY
        if role.startswith("place:"):  # a destination place stands for its country
            where = role.split(":", 1)[1]
            heads = args.direct_objects(token) if where == "obj" else self.prep_heads(where, token)
            return args.resolve_places(heads, index)
        return args.resolve(self.prep_heads(role, token), index)

    def prep_heads(self, role: str, token: Token) -> list[Token]:
        """Objects of a preposition on the trigger, on its object, or (for nouns) on the
        governing verb."""
        heads = args.prep_objects(token, role)
        if not heads:
            for obj in args.direct_objects(token) if token.pos_ in {"VERB", "AUX"} else ():
                heads += args.prep_objects(obj, role)
        if (
            not heads
            and token.pos_ in {"NOUN", "PROPN"}
            and token.dep_ in {"dobj", "nsubjpass", "compound"}
        ):
            heads = args.prep_objects(token.head, role)
        if not heads and token.pos_ in {"NOUN", "PROPN"} and token.dep_ == "pobj":
            governor = token.head.head  # "engaged in cleansing against X"
            if governor.pos_ in {"VERB", "AUX"}:
                heads = args.prep_objects(governor, role)
        if not heads and token.pos_ in {"NOUN", "PROPN"}:  # "suspension of links with X"
            for complement in args.prep_objects(token, "of"):
                heads += args.prep_objects(complement, role)
        if not heads and token.pos_ in {"NOUN", "PROPN"}:  # "sanctions imposed on Japan"
            for participle in (c for c in token.children if c.dep_ == "acl"):
                heads += args.prep_objects(participle, role)
        return heads

    def doer(self, verb: Token, heads: list[Token], index: ActorIndex) -> Argument:
        """Actors of a subject; an unresolved pronoun subject ("Syria says it will...")
        falls back to the subject of the clause that reports it."""
        found = args.resolve(heads, index)
        if not found.codes and heads and heads[0].pos_ == "PRON" and heads[0].dep_ == "nsubj":
            for governing in args.reporting_subjects(heads[0].head):
                found = args.resolve(governing, index)
                if found.codes:
                    break
        return found

    def governor_subject(self, noun: Token) -> list[Token]:
        """The doer of a nominal event is the subject of the verb it hangs from directly
        ("held talks", "left on a trip to"), never of a verb further up."""
        t = noun
        while t.dep_ == "conj":
            t = t.head
        if t.dep_ in {"dobj", "attr", "oprd"}:
            verb = t.head
        elif t.dep_ == "pobj" and t.head.dep_ in {"prep", "agent"}:
            verb = t.head.head
        elif t.dep_ == "compound" and t.head.dep_ in {"dobj", "attr"}:
            verb = t.head.head
        else:
            return []
        if verb.pos_ not in {"VERB", "AUX"}:
            return []
        lemma = verb.lemma_.lower()
        if lemma in self.patterns.noun_blockers:
            return []
        adjunct = t.dep_ == "pobj" and t.head.lower_ in ADJUNCT_PREPS
        if lemma not in LIGHT_VERBS and not adjunct and self.patterns.lookup("verb", lemma):
            return []  # "blamed X for the bombing": the blamer did not bomb
        if args.is_passive(verb) and verb.lemma_.lower() in {"engage", "involve"}:
            return args.children(verb, args.PASSIVE_SUBJECT_DEPS)  # "were engaged in"
        return args.subject(verb)

    def side(
        self, roles: Iterable[str], token: Token, index: ActorIndex, exclude: Argument
    ) -> Argument:
        for role in roles:
            found = self.role(role, token, index)
            if found.codes and not set(found.tokens) & set(exclude.tokens):
                return found
        return EMPTY

    # ---- events ----
