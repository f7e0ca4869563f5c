FROM ubuntu:latest
RUN apt-get update
RUN apt-get install -y python3 python3-flask python3-numpy build-essential curl vim
COPY . /app
WORKDIR /app
RUN rm -rf /var/lib/apt/lists/*
EXPOSE 5000
CMD python3 app.py
