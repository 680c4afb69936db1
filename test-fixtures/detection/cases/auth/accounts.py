import hashlib

import bcrypt
import jwt
from django.contrib.auth.hashers import make_password


def create_account(username, password):
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt()) # expect-pattern: auth/password-hash-strong  expect-no-pattern: auth/password-hash-weak
    return Account(username=username, password=hashed)


def legacy_password(password):
    return hashlib.sha1(password.encode("utf-8")).hexdigest() # expect-pattern: auth/password-hash-weak


def django_password(raw):
    return make_password(raw) # expect-pattern: auth/password-hash-strong


def stretched(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000) # expect-pattern: auth/password-hash-strong  expect-no-pattern: auth/password-hash-weak


def etag(body):
    return hashlib.md5(body).hexdigest() # expect-no-pattern: auth/password-hash-weak


def peek(token):
    return jwt.decode(token, options={"verify_signature": False}) # expect-pattern: auth/jwt-decode-unverified


def claims(token, key):
    return jwt.decode(token, key, algorithms=["HS256"]) # expect-no-pattern: auth/jwt-decode-unverified


def can_edit(request, article):
    return request.user.has_perm("blog.change_article", article) # expect-pattern: auth/permission-check  expect-no-pattern: auth/role-check
