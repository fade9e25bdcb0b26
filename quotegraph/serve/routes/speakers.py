"""GET /api/speakers (people, paged, by part of a name) and GET /api/speakers/{id}."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from quotegraph.serve.deps import StoreDep
from quotegraph.serve.params import Page, PerPage, SpeakerName, plain_id
from quotegraph.serve.schemas import PersonDetail, PersonPage

router = APIRouter(prefix="/api/speakers", tags=["speakers"])


@router.get("", response_model=PersonPage)
def list_speakers(store: StoreDep, q: SpeakerName = None, page: Page = 1, per_page: PerPage = 20) -> PersonPage:
    """People whose name or alias contains `q` (everyone if empty), most quoted first."""
    people = store.find_people(q or "", limit=per_page + 1, offset=(page - 1) * per_page)
    return PersonPage(items=[p.to_dict() for p in people[:per_page]], page=page, per_page=per_page,
                      has_more=len(people) > per_page)


def person_detail(store, person_id: str) -> PersonDetail:
    person = store.person(plain_id(person_id, "speaker"))
    if person is None:
        raise HTTPException(404, f"no speaker with id {person_id!r}: ids come from /api/speakers")
    return PersonDetail(**person.to_dict(), timeline=store.timeline(person.id),
                        top_quotes=store.top_quotes(person.id))


@router.get("/{person_id:path}", response_model=PersonDetail, responses={404: {"description": "No such speaker"}})
def get_speaker(person_id: str, store: StoreDep) -> PersonDetail:
    """A speaker: names, titles, counts, quotes per day and most repeated quotes."""
    return person_detail(store, person_id)
