# syntax=docker/dockerfile:1
# One image for the API (default CMD), the worker (`arq app.worker.WorkerSettings`) and
# migrations (`kartoteka migrate`); see compose.yaml.

# The SPA, built into /src/frontend/dist.
FROM node:20-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci
COPY frontend/ ./
COPY openapi/ /src/openapi/
RUN npm run build

# The Python environment from uv.lock, without the dev group and the `embedded` extra.
FROM python:3.11-slim AS builder
COPY --from=ghcr.io/astral-sh/uv:0.13.8 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app
# Dependencies first: this layer is rebuilt only when the lock file changes.
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-project
COPY . .
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev \
    && rm -rf frontend

FROM python:3.11-slim AS runtime
ENV PATH="/app/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN groupadd --system --gid 10001 kartoteka \
    && useradd --system --uid 10001 --gid kartoteka --home-dir /app --no-create-home kartoteka
WORKDIR /app
# Owned by root, so the app cannot rewrite its own code; only .data (uploads) is writable.
COPY --from=builder /app /app
COPY --from=spa /src/frontend/dist /app/frontend/dist
RUN install -d -o kartoteka -g kartoteka /app/.data
USER kartoteka
EXPOSE 8000
# uvicorn's worker count: one per core and one more (see README, "Scaling out").
ENV WEB_CONCURRENCY=3 \
    KARTOTEKA_LOG_JSON=true
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health', timeout=4)"]
# --no-access-log: uvicorn's line carries the query string (phones, emails); the app logs
# each request without it (app/core/access_log.py).
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--loop", "uvloop", "--http", "httptools", "--no-access-log"]
