// The floor of bench:sandbox (bench/http-floor.ts): a server that reads each request and answers
// 201 with a Location and an ETag, as a create does, doing no other work. Loopback only.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    const version = randomUUID();
    response.writeHead(201, {
      Location: `http://127.0.0.1/STU3/Consent/${randomUUID()}/_history/${version}`,
      ETag: `W/"${version}"`,
      "Content-Length": "0",
    });
    response.end();
  });
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
server.listen(0, "127.0.0.1", () => process.send?.(server.address().port));
