# The innograph API (and CLI) in a slim image, running as a non-root user.
FROM python:3.11-slim

RUN useradd --create-home --uid 10001 innograph
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph_loader ./graph_loader
COPY queries ./queries
COPY serving ./serving
COPY api ./api
COPY viz ./viz
COPY data ./data
RUN pip install --no-cache-dir . && chown -R innograph /app
USER innograph
ENV INNOGRAPH_LADYBUG_PATH=/home/innograph/innograph-data/graph.lbug
EXPOSE 8000
CMD ["innograph", "serve", "--host", "0.0.0.0", "--port", "8000"]
