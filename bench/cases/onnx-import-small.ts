process.argv[2] = 'small';
await import('./onnx-import.js');
