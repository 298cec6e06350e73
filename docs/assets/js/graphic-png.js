// The PNG download of an illustrated reading or of the timeline (a reader sends it in WeChat):
// the SVG beside the button drawn on a canvas at twice its size, saved as a file. Nothing is
// sent anywhere; the image is the site's own file, so the canvas may be read.
(function () {
  var SCALE = 2;

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function download(button) {
    var image = new Image();
    button.disabled = true;
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth * SCALE;
      canvas.height = image.naturalHeight * SCALE;
      canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        button.disabled = false;
        if (blob) save(blob, button.dataset.name);
      }, "image/png");
    };
    image.onerror = function () { button.disabled = false; };
    image.src = button.dataset.svg;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.graphic-png");
    if (button) download(button);
  });
})();
