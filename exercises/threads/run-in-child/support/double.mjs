// Answers every number it receives with its double, for as long as its parent stays connected. Once the parent
// disconnects, nothing is left for it to do and it exits with code 0.
process.on('message', (n) => process.send(n * 2));
