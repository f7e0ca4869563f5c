# The same job on the slim variant: same Python, same glibc, no compilers.
FROM python:3.12-slim-bookworm
WORKDIR /app
RUN pip install --no-cache-dir numpy==2.1.3
COPY report.py .
CMD ["python", "report.py"]
