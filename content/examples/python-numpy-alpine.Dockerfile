# The same job on Alpine: musl instead of glibc, so check every wheel.
FROM python:3.12-alpine
WORKDIR /app
RUN pip install --no-cache-dir numpy==2.1.3
COPY report.py .
CMD ["python", "report.py"]
