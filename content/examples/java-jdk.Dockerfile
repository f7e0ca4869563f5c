# A Spring Boot service built and run in one JDK image: the compiler ships too.
FROM eclipse-temurin:21-jdk
WORKDIR /app
COPY . .
RUN ./mvnw --batch-mode package -DskipTests && cp target/app.jar /app/app.jar
EXPOSE 8080
CMD ["java", "-jar", "/app/app.jar"]
