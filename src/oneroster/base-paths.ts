/** Base paths of the OneRoster services: resources declare which one their hrefs point into. */
export const ROSTERING = '/ims/oneroster/rostering/v1p2';
export const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
export const RESOURCES = '/ims/oneroster/resources/v1p2';
