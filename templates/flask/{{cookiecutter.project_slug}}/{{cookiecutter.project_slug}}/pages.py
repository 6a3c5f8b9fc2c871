"""The public pages and the pages of logged-in users."""
{% if cookiecutter.__i18n %}
from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
{%- else %}
from flask import Blueprint, current_app, flash, redirect, render_template, url_for
{%- endif %}
from flask_login import current_user, login_required

from . import store
from .forms import ItemForm{% if cookiecutter.__i18n %}, LanguageForm{% endif %}
from .i18n import _
{%- if cookiecutter.__i18n %}
from .security import is_local_url
{%- endif %}

bp = Blueprint("pages", __name__)


@bp.app_context_processor
def template_helpers() -> dict:
    """`has_endpoint` lets the shared layout link only to the parts this app has."""
    return {"has_endpoint": lambda endpoint: endpoint in current_app.view_functions}


@bp.get("/")
def home():
    # The package name, for the page's "where to start editing" paths.
    package = current_app.import_name
    return render_template("home.html", items=store.list_items(), package=package)


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links: send them to the SVG."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.route("/items/new", methods=["GET", "POST"])
@login_required
def new_item():
    form = ItemForm()
    if form.validate_on_submit():
        store.add_item(form.name.data, form.description.data or "", str(current_user.id))
        flash(_("Item added."), "success")
        return redirect(url_for("pages.home"))
    return render_template("new_item.html", form=form)
{%- if cookiecutter.__i18n %}


def language_form() -> LanguageForm:
    form = LanguageForm(language=get_locale().language)
    form.language.choices = list(current_app.config["LANGUAGES"].items())
    return form


@bp.app_context_processor
def language_switcher() -> dict:
    return {"language_form": language_form(), "html_lang": get_locale().language}


@bp.post("/language")
def set_language():
    form = language_form()
    if form.validate_on_submit():
        session["language"] = form.language.data
    target = request.args.get("next")
    return redirect(target if is_local_url(target) else url_for("pages.home"))
{%- endif %}
