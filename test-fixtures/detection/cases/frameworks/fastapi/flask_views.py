# Flask 2 shorthand routes: the same decorator shape as FastAPI, not FastAPI routes.
from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/health") # expect-no-pattern: fastapi/api/route-without-response-model, fastapi/performance/sync-route, fastapi/performance/async-route
def health():
    return jsonify(status="ok")


@app.post("/echo/<name>") # expect-no-pattern: fastapi/api/route-without-response-model, fastapi/performance/sync-route, fastapi/api/route-with-response-model
def echo(name):
    return jsonify(name=name)
