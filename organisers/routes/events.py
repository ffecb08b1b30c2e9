"""Letter-writing events, for organisers (every event) and coordinators (their group's)."""
from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from events import pack, services, tally
from events.forms import EventForm, PackForm, tally_form
from extensions import db
from i18n import interface_language
from models import Event
from organisers.routes.base import actor, bp


def _event_or_404(event_id: int) -> Event:
    """The event, if this account may see it (organisers/roles.py): another group's is not found."""
    found = services.event_for(current_user, event_id)
    if found is None:
        abort(404)
    return found


@bp.get("/events")
def events():
    rows = db.session.scalars(services.events_of(current_user)).all()
    return render_template("organisers/events.html", events=rows)


@bp.route("/events/new", methods=["GET", "POST"])
def new_event():
    form = EventForm(coordinator=current_user.is_coordinator)
    if form.validate_on_submit():
        data = services.EventData(title=form.title.data, held_on=form.held_on.data, place=form.place.data or "",
                                  expected_writers=form.expected_writers.data, cases=form.case_choices(),
                                  phones_welcome=form.phones_welcome.data)
        try:
            # A coordinator's events are their group's; an organiser chooses one, or none.
            group = current_user.group if current_user.is_coordinator else form.chosen_group()
            event = services.create_event(data, group=group, actor=actor())
            db.session.commit()
        except services.EventError as error:
            db.session.rollback()
            getattr(form, error.field).errors = [error.message]
        else:
            flash(_("The event is saved."), "ok")
            return redirect(url_for("organisers.event", event_id=event.id), 303)
    return render_template("organisers/event_new.html", form=form), 400 if request.method == "POST" else 200


@bp.get("/events/<int:event_id>")
def event(event_id: int):
    found = _event_or_404(event_id)
    return render_template("organisers/event.html", event=found)


@bp.route("/events/<int:event_id>/tally", methods=["GET", "POST"])
def event_tally(event_id: int):
    """After the evening: what was written, reported once or corrected later."""
    found = _event_or_404(event_id)
    form = tally_form(found)
    needs_confirmation = False
    if form.validate_on_submit():
        try:
            changes = tally.report_tally(found, form.tallies(found), confirmed=form.confirmed.data, actor=actor())
            db.session.commit()
        except tally.TallyError as error:
            db.session.rollback()
            needs_confirmation = isinstance(error, tally.NeedsConfirmation)
            form.confirmed.errors = [error.message]
        else:
            flash(_("Thank you: the tally is saved and counted on each case.") if changes
                  else _("Nothing changed in the tally."), "ok")
            return redirect(url_for("organisers.event", event_id=found.id), 303)
    return (render_template("organisers/event_tally.html", event=found, form=form,
                           needs_confirmation=needs_confirmation or bool(form.confirmed.data)),
            400 if request.method == "POST" else 200)


@bp.route("/events/<int:event_id>/pack", methods=["GET", "POST"])
def event_pack(event_id: int):
    """The event's print pack: the form, then the PDF, built as it downloads.

    Pasted attendees are read from this request only: they go into the PDF and nowhere else,
    not the database, not the audit log, not a log line.
    """
    found = _event_or_404(event_id)
    form = PackForm()
    if request.method == "GET":
        form.paper.data = pack.default_paper(found)
    if form.validate_on_submit():
        attendees = pack.read_attendees(form.attendees.data or "")
        paper = form.paper.data
        services.record_pack_printed(found, attendees=len(attendees), actor=actor())
        db.session.commit()
        event_id, filename = found.id, pack.pack_filename(found)

        app, language = current_app._get_current_object(), interface_language().code

        def chunks():
            # The body is written after the request has ended, as the client reads it: in a context of its
            # own, with a session of its own (the event is read again) and the page's language.
            with app.app_context(), force_locale(language):
                yield from pack.pack_chunks(db.session.get(Event, event_id), paper=paper, attendees=attendees)

        response = Response(chunks(), mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    size = pack.pack_size(found, paper=form.paper.data if form.paper.data in pack.LABEL_SHEETS else "A4")
    return (render_template("organisers/event_pack.html", event=found, form=form, size=size),
            400 if request.method == "POST" else 200)


@bp.get("/events/<int:event_id>/poster")
def event_poster(event_id: int):
    """A poster with each case's QR code, for attendees who write from their phones."""
    found = _event_or_404(event_id)
    if not found.phones_welcome:
        abort(404)
    response = Response(pack.render_poster(found), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{pack.pack_filename(found, "poster")}"'
    return response
