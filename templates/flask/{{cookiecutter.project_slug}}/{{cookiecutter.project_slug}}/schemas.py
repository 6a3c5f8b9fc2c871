"""Request and response schemas of the API, also used for its OpenAPI description."""

from marshmallow import Schema, fields, validate


class ItemSchema(Schema):
    id = fields.String(dump_only=True, metadata={"description": "Opaque identifier."})
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    description = fields.String(load_default="", validate=validate.Length(max=1000))
    owner_id = fields.String(dump_only=True)
    created_at = fields.DateTime(dump_only=True)


class PageArgsSchema(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))


class CredentialsSchema(Schema):
    email = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=128))


class TokenSchema(Schema):
    token = fields.String(required=True)
    token_type = fields.String(required=True)
    expires_in = fields.Integer(required=True, metadata={"description": "Seconds."})
