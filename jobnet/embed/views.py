"""/einbetten (the snippet builder), /karte/eingebettet (the framable map) and /oembed."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.validators import Optional

from jobnet.embed.snippet import SIZE_LIMITS, NotJobNet, make_embed, map_query, oembed_answer
from jobnet.forms.fields import WholeNumberField
from jobnet.forms.validators import number_range
from jobnet.geo.settings import geo_settings
from jobnet.map.views import map_shell_for_app
from jobnet.posts.forms import PostFilterForm
from jobnet.web import csp

bp = Blueprint("embed", __name__)


class EmbedForm(PostFilterForm):
    """The map's filters plus the frame's size."""

    width = WholeNumberField(_l("Breite (Pixel)"), [Optional(), number_range(*SIZE_LIMITS)])
    height = WholeNumberField(_l("Höhe (Pixel)"), [Optional(), number_range(*SIZE_LIMITS)])


def _base_url() -> str:
    return current_app.config["PUBLIC_BASE_URL"]


@bp.get("/einbetten")
def builder():
    form = EmbedForm(request.args)
    valid = form.validate()  # invalid values fall back to "any" and the default size
    embed = make_embed(_base_url(), form.to_filter(), form.width.data, form.height.data)
    return render_template("embed/builder.html", form=form, filter_valid=valid, embed=embed)


# Not @cached_for_visitors: a cached page skips the view, and with it allow_framing().
@bp.get("/karte/eingebettet")
def embedded_map():
    csp.allow_framing()
    form = PostFilterForm(request.args)
    form.validate()
    post_filter = form.to_filter()
    args = post_filter.query_args()
    return render_template(
        "embed/map.html", shell=map_shell_for_app(), filter_args=args,
        max_zoom=int(current_app.config["MAP_TILE_MAX_ZOOM"]),
        embed=make_embed(_base_url(), post_filter),
        open_url=_base_url() + url_for("pages.home", **args))


@bp.get("/oembed")
def oembed():
    url, fmt = request.args.get("url", ""), request.args.get("format", "json")
    if fmt == "xml":
        return _error(501, _("oEmbed liefert JobNet nur als JSON (format=json)."))
    if fmt != "json" or not url or len(url) > 4000:
        return _error(400, _("Bitte geben Sie url (eine Adresse der Karte von JobNet) und "
                             "format=json an."))
    sizes = [request.args.get(name, "") for name in ("maxwidth", "maxheight")]
    if any(size and not (size.isascii() and size.isdigit() and 0 < int(size[:9]))
           for size in sizes):
        return _error(400, _("maxwidth und maxheight müssen positive ganze Zahlen sein."))
    try:
        query = map_query(url, _base_url())
    except NotJobNet:
        return _error(404, _("Diese Adresse ist keine Karte von %(product)s.", product=geo_settings().product_name))
    form = EmbedForm(query, meta={"csrf": False})
    form.validate()
    embed = make_embed(_base_url(), form.to_filter(), form.width.data, form.height.data)
    max_width, max_height = (int(size[:9]) if size else None for size in sizes)
    return jsonify(oembed_answer(embed, base_url=_base_url(), max_width=max_width,
                                 max_height=max_height))


def _error(code: int, message: str):
    return jsonify(error=message), code
