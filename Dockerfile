# One image for the web server and the Celery worker (see docker-compose.yml).
# The explore pages' charting library, from the npm registry at the version
# package-lock.json pins (as scripts/stack.sh does outside Docker).
FROM node:20-bookworm-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt requirements-model.txt ./
RUN pip install --no-cache-dir --upgrade pip \
 && pip install --no-cache-dir -r requirements.txt \
 && pip install --no-cache-dir --no-deps --require-hashes -r requirements-model.txt
COPY . .
COPY --from=assets /assets/node_modules/echarts/dist/echarts.min.js /assets/node_modules/echarts/LICENSE \
     tracker/static/vendor/echarts/
RUN useradd --system --uid 1000 tracker && chown -R tracker /app
USER tracker
EXPOSE 8000
# Every web server setting is in gunicorn.conf.py; put a buffering proxy in front (README, "Deployment").
CMD ["gunicorn", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000"]
