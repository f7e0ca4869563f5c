# A small Python report job that needs numpy.
FROM python:3.12
WORKDIR /app
RUN pip install --no-cache-dir numpy==2.1.3
COPY report.py .
CMD ["python", "report.py"]
