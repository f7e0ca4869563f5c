# The same API on Node's Alpine variant: smaller, but a musl build of Node.
FROM node:20-alpine3.19
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER node
EXPOSE 3000
CMD ["node", "server.js"]
