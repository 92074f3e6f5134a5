"""Reading an event's sides from the parse: the roles patterns name (subj, obj, with...).

A role names where an argument is found relative to the trigger; each resolves to the
actors of that phrase (see :mod:`tidings.events.arguments`). The role vocabulary is
documented in ``data/README.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

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
# Prepositions of time, place and origin: "said X during a visit to Y" -- the sayer
# visited; "flew home from talks with Y" -- the flyer talked.
ADJUNCT_PREPS = {
    "during", "after", "before", "on", "at", "while", "amid", "following", "since", "from"
}


# Prepositions that may hang one level down, on the noun of the verb's own prepositional
# phrase: "mobilized for a war against X", "called off the strike after talks with X".
NESTED_PREP_ROLES = {"against", "with"}
# Prepositions of a topic, whose object's place or owner is what the topic is about.
TOPIC_PREPS = {"about", "over"}
# Verbs whose subject receives the judgement named by their object ("drew criticism").
RECEIVING_VERBS = {
    "draw", "earn", "win", "receive", "face", "attract", "garner", "get", "incur",
    "provoke", "spark", "prompt", "trigger",
}
# Roles a verb never shares with a coordinated verb.
NOT_SHARED_ROLES = {"subj", "gov_subj", "receiver", "speaker", "poss", "mod", "dateline", "comp_subj", "cond_subj"}


class RoleReader:
    """Roles of a trigger -> Arguments, with the vocabulary that decides whose act a noun is."""

    def __init__(self, patterns: PatternSet) -> None:
        self.patterns = patterns

    def role(self, role: str, token: Token, index: ActorIndex) -> Argument:
        found = self.own_role(role, token, index)
        if found.codes or role in NOT_SHARED_ROLES or token.pos_ not in {"VERB", "AUX"}:
            return found
        for verb in _shared_conjuncts(token):  # "met and praised Kim": Kim is met too
            found = self.own_role(role, verb, index)
            if found.codes:
                return found
        return EMPTY

    def own_role(self, role: str, token: Token, index: ActorIndex) -> Argument:
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
                heads += [  # "withdrew its troops": a possessive pronoun is the doer itself
                    c
                    for c in obj.children
                    if c.dep_ in {"poss", "compound", "amod", "nmod"}
                    and not (c.dep_ == "poss" and c.pos_ == "PRON")
                ]
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
        if role == "cond_subj":  # "threatened to quit the talks if Japan refuses": Japan
            return args.resolve(_condition_subjects(token), index)
        if role == "comp_obj":
            heads = [o for c in token.children if c.dep_ == "xcomp" for o in args.direct_objects(c)]
            return args.resolve(heads, index)
        if role == "poss":
            return self.possessor(token, index)
        if role == "mod":
            return args.resolve(args.modifier_tokens(token), index)
        if role == "gov_subj":
            heads = self.governor_subject(token)
            return self.doer(heads[0].head, heads, index) if heads else EMPTY
        if role == "speaker":  # whose direct quote the trigger is in
            actor = index.quoted_by(token)
            return Argument((actor.code,), (actor,), (-1,)) if actor and actor.code else EMPTY
        if role == "receiver":  # "Trump's remarks drew criticism", "earned Putin's praise"
            return self.receiver(token, index)
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
            if where == "obj":
                return args.resolve_places(args.direct_objects(token), index)
            return self.prep_role(where, token, index, places=True)
        return self.prep_role(role, token, index, places=False)

    def prep_heads(self, role: str, token: Token) -> Iterator[list[Token]]:
        """Objects of a preposition on the trigger, on its object, or (for nouns) on the
        governing verb, nearest first: a caller takes the first list that resolves ("extend
        the curfew in Abidjan in response to unrest": the trigger's own "in" names no actor)."""
        yield args.prep_objects(token, role)
        if role in TOPIC_PREPS:  # "concern about the tide of feeling in the United States"
            holders = [token, *args.direct_objects(token)]
            topics = [p for h in holders for p in args.prep_objects(h, role)]
            for _ in range(2):
                topics = [p for t in topics for prep in ("of", "in") for p in args.prep_objects(t, prep)]
                yield topics
        if token.pos_ in {"VERB", "AUX"}:
            for obj in args.direct_objects(token):
                yield args.prep_objects(obj, role)
            for c in token.children:  # "mobilized reservists for a war against Iraq"
                if c.dep_ == "prep" and c.lower_ != role and role in NESTED_PREP_ROLES:
                    for noun in args.children(c, "pobj"):
                        yield args.prep_objects(noun, role)
        if token.pos_ not in {"NOUN", "PROPN"}:
            return
        if token.dep_ in {"dobj", "nsubjpass", "compound"}:
            yield args.prep_objects(token.head, role)
        if token.dep_ == "pobj":
            governor = token.head.head  # "engaged in cleansing against X"
            if governor.pos_ in {"VERB", "AUX"}:
                yield args.prep_objects(governor, role)
        for complement in args.prep_objects(token, "of"):  # "suspension of links with X"
            yield args.prep_objects(complement, role)
        for participle in (c for c in token.children if c.dep_ == "acl"):
            yield args.prep_objects(participle, role)  # "sanctions imposed on Japan"

    def prep_role(self, role: str, token: Token, index: ActorIndex, places: bool) -> Argument:
        """The first preposition object (see :meth:`prep_heads`) that names an actor."""
        read = args.resolve_places if places else args.resolve
        for heads in self.prep_heads(role, token):
            found = read(heads, index) if heads else EMPTY
            if found.codes:
                return found
        return EMPTY

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

    def possessor(self, noun: Token, index: ActorIndex) -> Argument:
        """The possessor of a nominal event; a possessive pronoun ("Iran reiterated its
        demand") stands for the subject of the verb the noun hangs from."""
        owners = args.children(noun, "poss")
        found = args.resolve(owners, index)
        if found.codes or not owners or owners[0].pos_ != "PRON":
            return found
        verb = _governing_verb(noun)
        return self.doer(verb, args.subject(verb), index) if verb is not None else EMPTY

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

    def receiver(self, noun: Token, index: ActorIndex) -> Argument:
        """Who a judgement is aimed at when it is received: the subject of "drew",
        "earned", "faced" ..., or the owner of that subject ("X's remarks drew ...")."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in RECEIVING_VERBS:
            return EMPTY
        heads = args.subject(verb)
        found = self.doer(verb, heads, index)
        if found.codes:
            return found
        owners = [c for h in heads for c in h.children if c.dep_ in {"poss", "nmod"}]
        return args.resolve(owners, index)

    def side(
        self, roles: Iterable[str], token: Token, index: ActorIndex, exclude: Argument
    ) -> Argument:
        for role in roles:
            found = self.role(role, token, index)
            if found.codes and not set(found.tokens) & set(exclude.tokens):
                return found
        if "obj" in roles and exclude.codes:  # "He called him a liar": him from before
            for obj in args.direct_objects(token):
                if obj.lower_ in args.OBJECT_PRONOUNS and index.at(obj) is None:
                    return index.antecedent(obj, exclude.codes)
        return EMPTY

    # ---- events ----


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object (or prepositional object) ``noun`` is."""
    t = noun
    while t.dep_ == "conj":
        t = t.head
    if t.dep_ in {"dobj", "attr", "oprd", "nsubjpass"}:
        verb = t.head
    elif t.dep_ == "pobj" and t.head.dep_ in {"prep", "agent"}:
        verb = t.head.head
    else:
        return None
    return verb if verb.pos_ in {"VERB", "AUX"} else None


CONDITION_MARKS = {"if", "unless"}


def _condition_subjects(token: Token) -> list[Token]:
    """Subjects of "if"/"unless" clauses on the trigger or on its complement: a threat or
    warning is addressed to whoever must meet the condition."""
    holders = [token, *(c for c in token.children if c.dep_ in {"xcomp", "ccomp"})]
    return [
        s
        for h in holders
        for clause in h.children
        if clause.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children)
        for s in args.children(clause, {"nsubj", "nsubjpass"})
    ]


def _shared_conjuncts(verb: Token) -> list[Token]:
    """Later verbs coordinated with ``verb`` that have no subject of their own ("donated
    and delivered aid to X"): their objects and prepositions may belong to both."""
    if any(c.dep_ in {"dobj", "xcomp", "ccomp"} for c in verb.children):
        return []  # a verb with its own complement shares nothing
    return [
        c
        for c in verb.conjuncts
        if c.i > verb.i
        and c.pos_ in {"VERB", "AUX"}
        and not any(d.dep_ in {"nsubj", "nsubjpass"} for d in c.children)
    ]
