/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer } from 'node:net';

/** A port that was free on 127.0.0.1 a moment ago (for programs that cannot be told to take port 0). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}
