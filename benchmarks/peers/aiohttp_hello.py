"""Hello-world peer for the server benchmark: aiohttp on uvloop, one process, one loop."""
import sys

import uvloop
from aiohttp import web


async def hello(_request):
    return web.Response(text="Hello, World!")


def main():
    port = int(sys.argv[1])
    app = web.Application()
    app.router.add_get("/", hello)
    uvloop.install()
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


if __name__ == "__main__":
    main()
