process.argv[2] = 'large';
await import('./onnx-import.js');
