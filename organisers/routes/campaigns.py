"""The campaign editor, letters and their previews, the UA import, and the lifecycle steps."""
from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from campaigns.importer.documents import MAX_FILE_BYTES, MAX_PDF_PAGES
from campaigns.themes import theme_label, themes_in_use
from extensions import db
from letters.compose import DEFAULT_BODY, DEFAULT_SUBJECT, PLACEHOLDERS
from letters.languages import LANGUAGES
from models import CampaignStatus
from organisers import labels, services
from organisers.checklist import publish_checklist
from organisers.forms import (LISTS, ButtonForm, CampaignForm, CloseForm, DuplicateForm, GoLiveForm, ImportForm,
                              PublishForm, campaign_form_data, error_items, rearranged, version_form)
from organisers.import_review import import_sources
from organisers.preview import preview_email, preview_pdf, preview_target
from organisers.routes.base import actor, bp, campaign_or_404
from urls import int_arg


def _render_editor(form: CampaignForm, campaign, status: int = 200):
    return render_template("organisers/edit.html", form=form, campaign=campaign, lists=LISTS,
                           errors=error_items(form) if status == 400 else [],
                           dismiss_form=ButtonForm(), sources=import_sources(campaign),
                           themes_in_use=[theme_label(theme) for theme in themes_in_use()]), status


def _editor(campaign):
    """GET shows the form; a list button rearranges it; "save" validates and saves."""
    operation = request.form.get("op", "save") if request.method == "POST" else None
    if operation and operation != "save":
        formdata = rearranged(request.form, operation)
        if formdata is None:
            abort(400)
        return _render_editor(CampaignForm(formdata=formdata, campaign=campaign), campaign)
    if request.method == "GET":
        if campaign is None:
            form = CampaignForm(formdata=None, data=dict(people=[None], demands=[None], targets=[None]))
        else:
            form = CampaignForm(formdata=None, data=campaign_form_data(campaign), campaign=campaign)
        return _render_editor(form, campaign)
    form = CampaignForm(campaign=campaign)
    if not form.validate_on_submit():
        return _render_editor(form, campaign, 400)
    try:
        if campaign is None:
            campaign = services.create_campaign(form.to_data(), actor())
            restored = False
        else:
            restored = services.update_campaign(campaign, form.to_data(), actor())
        db.session.commit()
    except services.CampaignError as error:
        db.session.rollback()
        form.form_errors.append(error.message)
        return _render_editor(form, campaign, 400)
    if campaign.status is CampaignStatus.live and not campaign.complete_versions:
        flash(_("Saved. No letter version is complete now, so supporters cannot write until one is: see "
                "what each lacks under Letters."), "error")
    if restored:
        flash(_("Saved. New official addresses were added, so the campaign is back in test mode: "
                "switch test mode off again to confirm them."), "error")
    else:
        flash(_("Saved."), "ok")
    return redirect(url_for("organisers.edit_campaign", campaign_id=campaign.id), 303)


@bp.route("/campaigns/new", methods=["GET", "POST"])
def new_campaign():
    return _editor(None)


@bp.route("/campaigns/<int:campaign_id>/edit", methods=["GET", "POST"])
def edit_campaign(campaign_id: int):
    return _editor(campaign_or_404(campaign_id))


@bp.post("/campaigns/<int:campaign_id>/import-notes/dismiss")
def dismiss_import_notes(campaign_id: int):
    campaign = campaign_or_404(campaign_id)
    services.mark_import_notes_reviewed(campaign, actor())
    db.session.commit()
    flash(_("The import notes are marked as reviewed."), "ok")
    return redirect(url_for("organisers.edit_campaign", campaign_id=campaign.id), 303)


@bp.route("/campaigns/import", methods=["GET", "POST"])
def import_campaign():
    form = ImportForm()
    if form.validate_on_submit():
        try:
            campaign = services.import_campaign(form.sheet_text(), actor(), file_name=form.file_name())
            db.session.commit()
        except services.CampaignError as error:
            db.session.rollback()
            (form.sheet_file if form.has_file() else form.source_text).errors = [error.message]
        else:
            count = len(campaign.import_unplaced or [])
            flash(ngettext("Imported %(ua_number)s as a draft. Please check every field; the importer could not "
                           "place %(num)d piece of text.",
                           "Imported %(ua_number)s as a draft. Please check every field; the importer could not "
                           "place %(num)d pieces of text.", count, ua_number=campaign.ua_number)
                  if count else _("Imported %(ua_number)s as a draft. Please check every field.",
                                  ua_number=campaign.ua_number), "ok")
            return redirect(url_for("organisers.edit_campaign", campaign_id=campaign.id), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("organisers/import.html", form=form, max_megabytes=MAX_FILE_BYTES // (1024 * 1024),
                           max_pages=MAX_PDF_PAGES), status


# --- letters -------------------------------------------------------------------------------------

def _version_or_404(campaign, language: str):
    version = campaign.version_for(language)
    if version is None:
        abort(404)
    return version


def _template_page(campaign, form, version, status=200):
    row = LANGUAGES.get(form.language.data or "")
    return render_template("organisers/template.html", campaign=campaign, form=form, template=version,
                           placeholders=PLACEHOLDERS, delete_form=ButtonForm(),
                           standard_closing=row.closing if row else ""), status


@bp.get("/campaigns/<int:campaign_id>/letters")
def templates(campaign_id: int):
    campaign = campaign_or_404(campaign_id)
    return render_template("organisers/templates.html", campaign=campaign, placeholders=PLACEHOLDERS)


def _seeds(campaign, language: str) -> dict:
    """What a new version in `language` starts from: the campaign's own words where they are
    in that language (its demands in its own language, each official's salutation in theirs)."""
    data = {f"salutation_{t.id}": t.salutation for t in campaign.ordered_targets
            if t.salutation and t.letter_language == language}
    if language == campaign.letter_language:
        data.update({f"demand_{d.id}": d.text for d in campaign.demands})
    # The standard subject is only placeholders, right in any language; the standard text is English.
    data.update(subject=DEFAULT_SUBJECT, body=DEFAULT_BODY if language == "en" else "")
    return dict(language=language, **data)


@bp.route("/campaigns/<int:campaign_id>/letters/new", methods=["GET", "POST"])
def new_template(campaign_id: int):
    campaign = campaign_or_404(campaign_id)
    if request.method == "GET":
        used = {v.language for v in campaign.versions}
        language = next((code for code in campaign.preferred_languages if code not in used), "en")
        form = version_form(campaign, formdata=None, data=_seeds(campaign, language))
    else:
        form = version_form(campaign)
    return _save_version(campaign, form, None)


@bp.route("/campaigns/<int:campaign_id>/letters/<language>", methods=["GET", "POST"])
def edit_template(campaign_id: int, language: str):
    campaign = campaign_or_404(campaign_id)
    version = _version_or_404(campaign, language)
    form = version_form(campaign, version, **({"formdata": None} if request.method == "GET" else {}))
    return _save_version(campaign, form, version)


def _save_version(campaign, form, version):
    if not form.validate_on_submit():
        return _template_page(campaign, form, version, 400 if request.method == "POST" else 200)
    try:
        saved = services.save_version(campaign, form.to_data(), actor(), version)
        db.session.commit()
    except services.CampaignError as error:
        db.session.rollback()
        form.language.errors = [error.message]
        return _template_page(campaign, form, version, 400)
    if saved.is_complete:
        flash(_("The letter is saved and complete: supporters can choose it. Preview it below."), "ok")
    else:
        flash(_("The letter is saved, but not complete yet: supporters cannot choose it until every part "
                "listed below is filled in."), "error")
    return redirect(url_for("organisers.edit_template", campaign_id=campaign.id, language=saved.language), 303)


@bp.post("/campaigns/<int:campaign_id>/letters/<language>/delete")
def delete_template(campaign_id: int, language: str):
    campaign = campaign_or_404(campaign_id)
    services.delete_version(campaign, _version_or_404(campaign, language), actor())
    db.session.commit()
    flash(_("The letter is deleted."), "ok")
    return redirect(url_for("organisers.templates", campaign_id=campaign.id), 303)


def _preview_args(campaign, language):
    return _version_or_404(campaign, language), preview_target(campaign, int_arg("target")), date.today()


@bp.get("/campaigns/<int:campaign_id>/letters/<language>/preview")
def preview(campaign_id: int, language: str):
    campaign = campaign_or_404(campaign_id)
    version, target, today = _preview_args(campaign, language)
    email = preview_email(campaign, target, version=version, today=today)
    return render_template("organisers/preview.html", campaign=campaign, language=language, target=target,
                           email=email, version=version)


@bp.get("/campaigns/<int:campaign_id>/letters/<language>/preview.pdf")
def preview_as_pdf(campaign_id: int, language: str):
    campaign = campaign_or_404(campaign_id)
    version, target, today = _preview_args(campaign, language)
    response = Response(preview_pdf(campaign, target, version=version, today=today), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="preview-{campaign.slug}-{language}.pdf"'
    return response


@bp.get("/campaigns/<int:campaign_id>/letters/<language>/preview-email.html")
def preview_email_html(campaign_id: int, language: str):
    """The HTML part of the email as a page of its own, sandboxed: it may use its inline styles,
    nothing else."""
    campaign = campaign_or_404(campaign_id)
    version, target, today = _preview_args(campaign, language)
    response = Response(preview_email(campaign, target, version=version, today=today).html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'none'")
    return response


# --- lifecycle -----------------------------------------------------------------------------------

@bp.route("/campaigns/<int:campaign_id>/publish", methods=["GET", "POST"])
def publish(campaign_id: int):
    """The checklist, with a tick for each warning; publishing checks it all again."""
    campaign = campaign_or_404(campaign_id)
    if campaign.status is not CampaignStatus.draft:
        flash(_("Only a draft can be published."), "error")
        return redirect(url_for("organisers.dashboard", campaign_id=campaign_id), 303)
    form = PublishForm()
    unconfirmed: set[str] = set()
    if form.validate_on_submit():
        try:
            services.publish_campaign(campaign, actor(), today=date.today(), confirmed=form.confirmed.data or [])
            db.session.commit()
        except services.CampaignError as error:
            db.session.rollback()
            form.form_errors.append(error.message)
            if isinstance(error, services.WarningsNotConfirmed):
                unconfirmed = {item.code for item in error.items}
        else:
            flash(_("%(ua_number)s is live in test mode: letters by email go to the test address.",
                    ua_number=campaign.ua_number) if campaign.is_test_mode
                  else _("%(ua_number)s is live.", ua_number=campaign.ua_number), "ok")
            return redirect(url_for("organisers.dashboard", campaign_id=campaign_id), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("organisers/publish.html", campaign=campaign, form=form, unconfirmed=unconfirmed,
                           ticked=set(form.confirmed.data or []),
                           checklist=publish_checklist(campaign, date.today())), status


@bp.route("/campaigns/<int:campaign_id>/close", methods=["GET", "POST"])
def close(campaign_id: int):
    campaign = campaign_or_404(campaign_id)
    if campaign.status is not CampaignStatus.live:
        flash(_("Only a live campaign can be closed."), "error")
        return redirect(url_for("organisers.dashboard", campaign_id=campaign_id), 303)
    form = CloseForm()
    if form.validate_on_submit():
        try:
            services.close_campaign(campaign, reason=form.reason.data, other_reason=form.other_reason.data or "",
                                    actor=actor(), today=date.today())
            db.session.commit()
        except services.CampaignError as error:
            db.session.rollback()
            form.other_reason.errors = [error.message]
        else:
            flash(_("%(ua_number)s is closed: %(reason)s.", ua_number=campaign.ua_number,
                    reason=labels.closed_reason(campaign.closed_reason)), "ok")
            return redirect(url_for("organisers.dashboard", campaign_id=campaign_id), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("organisers/close.html", campaign=campaign, form=form), status


@bp.route("/campaigns/<int:campaign_id>/test-mode/off", methods=["GET", "POST"])
def test_mode_off(campaign_id: int):
    campaign = campaign_or_404(campaign_id)
    if not campaign.is_test_mode:
        flash(_("Test mode is already off."), "ok")
        return redirect(url_for("organisers.dashboard", campaign_id=campaign_id), 303)
    form = GoLiveForm(ua_number=campaign.ua_number)
    if form.validate_on_submit():
        try:
            services.switch_test_mode_off(campaign, confirmation=form.confirmation.data, actor=actor())
            db.session.commit()
        except services.CampaignError as error:
            db.session.rollback()
            form.confirmation.errors = [error.message]
        else:
            flash(_("Test mode is off: email letters for %(ua_number)s now go to the officials.",
                    ua_number=campaign.ua_number), "ok")
            return redirect(url_for("organisers.dashboard", campaign_id=campaign_id), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("organisers/test_mode_off.html", campaign=campaign, form=form,
                           addresses=services.real_addresses(campaign)), status


@bp.post("/campaigns/<int:campaign_id>/test-mode/on")
def test_mode_on(campaign_id: int):
    campaign = campaign_or_404(campaign_id)
    services.switch_test_mode_on(campaign, actor())
    db.session.commit()
    flash(_("Test mode is on: email letters go to the test address, not to the officials."), "ok")
    return redirect(url_for("organisers.dashboard", campaign_id=campaign_id), 303)


@bp.route("/campaigns/<int:campaign_id>/duplicate", methods=["GET", "POST"])
def duplicate(campaign_id: int):
    campaign = campaign_or_404(campaign_id)
    form = DuplicateForm()
    if request.method == "GET":
        form.title.data = campaign.title
    if form.validate_on_submit():
        try:
            copy = services.duplicate_campaign(campaign, ua_number=form.ua_number.data, title=form.title.data,
                                               actor=actor(), today=date.today())
            db.session.commit()
        except services.CampaignError as error:
            db.session.rollback()
            form.ua_number.errors = [error.message]
        else:
            flash(_("%(new)s is a new draft, in test mode, copied from %(original)s.", new=copy.ua_number,
                    original=campaign.ua_number), "ok")
            return redirect(url_for("organisers.edit_campaign", campaign_id=copy.id), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("organisers/duplicate.html", campaign=campaign, form=form), status

