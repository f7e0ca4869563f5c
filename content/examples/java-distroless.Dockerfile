# Build on the JDK, run on distroless Java: a JRE and nothing to exec into.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw --batch-mode package -DskipTests

FROM gcr.io/distroless/java21-debian12:nonroot
WORKDIR /app
COPY --from=build /src/target/app.jar app.jar
EXPOSE 8080
# The image's entrypoint is java; the command is what it runs.
CMD ["app.jar"]
