# Build a static site with Node, then serve only the files with nginx on Alpine.
FROM node:20-alpine3.19 AS build
WORKDIR /site
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM nginx:1.31-alpine
COPY --from=build /site/dist /usr/share/nginx/html
EXPOSE 80
