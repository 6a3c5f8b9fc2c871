"""Request and response schemas of the API, also used for its OpenAPI description."""
{%- set integer_ids = cookiecutter.__sql or cookiecutter.database == 'redis' %}

from marshmallow import Schema, fields, validate

{% if integer_ids -%}
# The largest id an INTEGER column holds on every SQL database (and the bound the
# /api/items/<id> route accepts); larger numbers are answered with 404, not looked up.
MAX_ID = 2**31 - 1
{% endif -%}
# Offsets past this are refused with 422: deeper pages would read every skipped row.
MAX_OFFSET = 1_000_000
MAX_LIMIT = 100


class ItemSchema(Schema):
{%- if integer_ids %}
    id = fields.Integer(dump_only=True)
{%- else %}
    id = fields.String(dump_only=True, metadata={"description": "Opaque identifier."})
{%- endif %}
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    description = fields.String(load_default="", validate=validate.Length(max=1000))
    owner_id = fields.{{ 'Integer' if integer_ids else 'String' }}(dump_only=True)
    created_at = fields.DateTime(dump_only=True)


class QueryInteger(fields.Integer):
    """A whole number in ASCII digits: Python's int(), which marshmallow uses, also reads
    "٣", full-width digits, "1_0" and " 5"; those are refused as not integers (422)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not (isinstance(value, str) and value.isascii() and value.isdigit()):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class PageArgsSchema(Schema):
    limit = QueryInteger(load_default=20, validate=validate.Range(min=1, max=MAX_LIMIT))
    offset = QueryInteger(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET))


class CredentialsSchema(Schema):
    email = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=128))


class TokenSchema(Schema):
    token = fields.String(required=True)
    token_type = fields.String(required=True)
    expires_in = fields.Integer(required=True, metadata={"description": "Seconds."})
